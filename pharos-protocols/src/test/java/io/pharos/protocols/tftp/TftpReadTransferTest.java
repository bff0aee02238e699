package io.pharos.protocols.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TftpReadTransferTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Content whose octet at position p is a fixed function of p: any size without the memory. */
    record Pattern(long size) implements TransferContent {
        static byte at(long position) {
            return (byte) (position * 131 ^ position >>> 11);
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) {
            if (position >= size) return -1;
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) buffer[offset + i] = at(position + i);
            return n;
        }
    }

    private static NegotiatedOptions options(int blockSize, int windowSize) {
        return new NegotiatedOptions(blockSize, windowSize, TIMEOUT, Map.of());
    }

    private static NegotiatedOptions withOack(int blockSize, int windowSize, Map<String, String> acknowledged) {
        return new NegotiatedOptions(blockSize, windowSize, TIMEOUT, acknowledged);
    }

    private static TftpPacket.Data data(TftpPacket packet) {
        return assertInstanceOf(TftpPacket.Data.class, packet);
    }

    private static List<Integer> blocks(TransferStep step) {
        return step.send().stream().map(p -> data(p).block()).toList();
    }

    /** A well-behaved RFC 7440 client: checks order, acknowledges the last block of every window. */
    private static byte[] receiveAll(ReadTransfer transfer) {
        TransferStep step = transfer.start();
        if (transfer.options().sendsOptionAck()) {
            assertInstanceOf(TftpPacket.OptionAck.class, step.send().getFirst());
            step = transfer.onPacket(new TftpPacket.Ack(0));
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long expected = 1;
        for (int rounds = 0; !step.finished(); rounds++) {
            if (rounds > 1_000_000 || step.send().isEmpty()) fail("transfer stalled at block " + expected);
            for (TftpPacket packet : step.send()) {
                TftpPacket.Data data = data(packet);
                assertEquals(expected & 0xffff, data.block());
                received.writeBytes(data.payload());
                expected++;
            }
            step = transfer.onPacket(new TftpPacket.Ack(data(step.send().getLast()).block()));
        }
        assertInstanceOf(TransferOutcome.Completed.class, step.outcome());
        return received.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 513, 1024, 5000})
    void sendsWholeFilesInLockStep(int size) {
        byte[] file = new byte[size];
        for (int i = 0; i < size; i++) file[i] = Pattern.at(i);
        ReadTransfer transfer = new ReadTransfer(new Pattern(size), options(512, 1), 3);

        assertArrayEquals(file, receiveAll(transfer));
        assertEquals(new TransferOutcome.Completed(size), transfer.outcome());
    }

    @Test
    void fileOfWholeBlocksEndsWithAnEmptyBlock() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(512), options(512, 1), 3);
        assertEquals(512, data(transfer.start().send().getFirst()).length());
        TransferStep last = transfer.onPacket(new TftpPacket.Ack(1));
        assertEquals(new TftpPacket.Data(2, new byte[0]), last.send().getFirst());
        assertTrue(transfer.onPacket(new TftpPacket.Ack(2)).finished());
    }

    @Test
    void sendsAWindowAtATimeAfterTheOptionAck() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(10 * 100 + 50), withOack(100, 4, Map.of("windowsize", "4")), 3);
        assertEquals(List.of(new TftpPacket.OptionAck(Map.of("windowsize", "4"))), transfer.start().send());

        assertEquals(List.of(1, 2, 3, 4), blocks(transfer.onPacket(new TftpPacket.Ack(0))));
        assertEquals(List.of(5, 6, 7, 8), blocks(transfer.onPacket(new TftpPacket.Ack(4))));
        TransferStep lastWindow = transfer.onPacket(new TftpPacket.Ack(8));
        assertEquals(List.of(9, 10, 11), blocks(lastWindow));
        assertEquals(50, data(lastWindow.send().getLast()).length());
        assertTrue(transfer.onPacket(new TftpPacket.Ack(11)).finished());
    }

    @Test
    void multiWindowTransferDeliversTheFile() {
        int size = 64 * 1428 * 3 + 77;
        byte[] file = new byte[size];
        for (int i = 0; i < size; i++) file[i] = Pattern.at(i);
        ReadTransfer transfer = new ReadTransfer(new Pattern(size),
                withOack(1428, 64, Map.of("blksize", "1428", "windowsize", "64")), 3);
        assertArrayEquals(file, receiveAll(transfer));
    }

    @Test
    void partialAckRestartsTheWindowAfterTheAckedBlock() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(100 * 20), withOack(100, 4, Map.of("windowsize", "4")), 3);
        transfer.start();
        transfer.onPacket(new TftpPacket.Ack(0));

        assertEquals(List.of(3, 4, 5, 6), blocks(transfer.onPacket(new TftpPacket.Ack(2))));
        assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(2)).send(), "duplicate ignored");
        assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(1)).send(), "old ACK ignored");
        assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(9)).send(), "never-sent block ignored");
        assertEquals(List.of(3, 4, 5, 6), blocks(transfer.onTimeout()));
    }

    @Test
    void duplicateAcksNeverTriggerRetransmission() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(512 * 5), options(512, 1), 3);
        transfer.start();
        assertEquals(List.of(2), blocks(transfer.onPacket(new TftpPacket.Ack(1))));
        for (int i = 0; i < 5; i++) assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(1)).send());
        assertEquals(List.of(3), blocks(transfer.onPacket(new TftpPacket.Ack(2))));
    }

    @Test
    void timeoutsRetransmitThenGiveUp() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(512 * 5), options(512, 1), 3);
        transfer.start();
        transfer.onPacket(new TftpPacket.Ack(1));
        for (int i = 0; i < 3; i++) assertEquals(List.of(2), blocks(transfer.onTimeout()));
        TransferStep last = transfer.onTimeout();
        assertEquals(List.of(), last.send());
        assertEquals(new TransferOutcome.GaveUp(3), last.outcome());
        assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(2)).send(), "finished stays finished");
    }

    @Test
    void progressResetsTheRetryCount() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(512 * 5), options(512, 1), 2);
        transfer.start();
        transfer.onTimeout();
        transfer.onTimeout();
        transfer.onPacket(new TftpPacket.Ack(1));
        transfer.onTimeout();
        assertEquals(List.of(2), blocks(transfer.onTimeout()));
    }

    @Test
    void blockNumbersRollOverFrom65535ToZero() {
        long blocks = 70_000;
        long size = blocks * 8 + 3;
        ReadTransfer transfer = new ReadTransfer(new Pattern(size),
                withOack(8, 64, Map.of("blksize", "8", "windowsize", "64")), 3);
        TransferStep step = transfer.start();
        step = transfer.onPacket(new TftpPacket.Ack(0));
        long position = 0;
        int previous = 0;
        for (int rounds = 0; !step.finished() && rounds < 10_000; rounds++) {
            for (TftpPacket packet : step.send()) {
                TftpPacket.Data data = data(packet);
                assertEquals((previous + 1) & 0xffff, data.block());
                previous = data.block();
                byte[] payload = data.payload();
                for (byte b : payload) assertEquals(Pattern.at(position++), b);
            }
            step = transfer.onPacket(new TftpPacket.Ack(previous));
        }
        assertEquals(new TransferOutcome.Completed(size), step.outcome());
        assertEquals(size, position);
        assertEquals((blocks + 1) & 0xffff, previous);
    }

    @Test
    void ackForBlockZeroAfterRolloverMeansBlock65536() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(8L * 70_000), options(8, 1), 3);
        transfer.start();
        for (int block = 1; block <= 65535; block++) transfer.onPacket(new TftpPacket.Ack(block));
        assertEquals(List.of(1), blocks(transfer.onPacket(new TftpPacket.Ack(0))));
    }

    @Test
    void tsizeOnlyClientAbortingAfterTheOackIsNotAnError() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(4242), withOack(512, 1, Map.of("tsize", "4242")), 3);
        assertEquals(List.of(new TftpPacket.OptionAck(Map.of("tsize", "4242"))), transfer.start().send());
        assertEquals(List.of(), transfer.onPacket(new TftpPacket.Ack(7)).send(), "only ACK 0 accepts an OACK");
        assertEquals(List.of(new TftpPacket.OptionAck(Map.of("tsize", "4242"))), transfer.onTimeout().send());

        TransferStep step = transfer.onPacket(new TftpPacket.Error(TftpPacket.Error.OPTION_REFUSED, "tsize only"));
        assertEquals(List.of(), step.send());
        assertEquals(new TransferOutcome.AbortedAfterOptions(8, "tsize only"), step.outcome());
    }

    @Test
    void errorDuringDataIsAClientError() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(5000), options(512, 1), 3);
        transfer.start();
        TransferStep step = transfer.onPacket(new TftpPacket.Error(3, "disk full"));
        assertEquals(new TransferOutcome.ClientError(3, "disk full"), step.outcome());
        assertEquals(List.of(), step.send());
    }

    @Test
    void unexpectedPacketEndsTheTransferWithIllegalOperation() {
        ReadTransfer transfer = new ReadTransfer(new Pattern(5000), options(512, 1), 3);
        transfer.start();
        TransferStep step = transfer.onPacket(new TftpPacket.Data(1, new byte[3]));
        assertEquals(TftpPacket.Error.ILLEGAL_OPERATION, ((TftpPacket.Error) step.send().getFirst()).code());
        assertInstanceOf(TransferOutcome.Failed.class, step.outcome());
    }

    @Test
    void readFailureIsReportedToTheClient() {
        TransferContent broken = new TransferContent() {
            @Override
            public long size() {
                return 2000;
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        TransferStep step = new ReadTransfer(broken, options(512, 1), 3).start();
        assertEquals(List.of(new TftpPacket.Error(0, "read error")), step.send());
        assertTrue(((TransferOutcome.Failed) step.outcome()).reason().contains("disk on fire"));
    }

    @Test
    void fileShrinkingUnderTheTransferFailsIt() {
        TransferContent liar = new TransferContent() {
            @Override
            public long size() {
                return 2000;
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                return new Pattern(700).read(position, buffer, offset, length);
            }
        };
        ReadTransfer transfer = new ReadTransfer(liar, options(512, 1), 3);
        transfer.start();
        TransferStep step = transfer.onPacket(new TftpPacket.Ack(1));
        assertInstanceOf(TransferOutcome.Failed.class, step.outcome());
    }
}
