package io.pharos.node.codec;

import io.pharos.core.command.Command;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.util.ArrayList;
import java.util.List;

/**
 * The log entries DHCP writes, in binary: lease bindings, alone or batched, are nearly all of the log under
 * load, and as JSON they cost about 15% of a server's CPU at 10,000 leases/s. Layout after the format byte
 * ({@link CommandCodec#FORMAT_BINARY_LEASES}):
 *
 * <pre>
 * shape        1 byte    1 = one BindLease, 2 = a Batch of BindLease
 * count        varint    (batch only) how many leases follow
 * each lease:
 *   address    4 bytes   IPv4, network order
 *   mac        6 bytes   network order
 *   now        8 bytes   signed, big-endian
 *   expiresAt  8 bytes   signed, big-endian
 *   clientId, hostname, subnet: varint (UTF-8 length + 1), then the UTF-8 bytes; 0 alone means null
 * </pre>
 *
 * Nothing may follow the last lease. A lone binding is covered too, not only batches: under light load it
 * is what most entries are, and a batch must not be smaller than the lone leases in it (the batcher splits
 * entries by size).
 */
final class LeaseBatchCodec {
    private static final int ONE_LEASE = 1;
    private static final int LEASE_BATCH = 2;
    /** address, MAC, the two times and three null strings. */
    private static final int MIN_LEASE_BYTES = 4 + 6 + 8 + 8 + 3;
    /** Typical lease with a MAC-text client id, a short hostname and subnet name; only sizes the buffer. */
    private static final int TYPICAL_LEASE_BYTES = 64;

    private LeaseBatchCodec() {}

    /** A lone binding, or a non-empty batch of nothing else; a lease without address or MAC stays JSON. */
    static boolean covers(Command command) {
        if (command instanceof Command.BindLease lease) return complete(lease);
        if (!(command instanceof Command.Batch batch) || batch.commands().isEmpty()) return false;
        for (Command inner : batch.commands())
            if (!(inner instanceof Command.BindLease lease) || !complete(lease)) return false;
        return true;
    }

    /** The whole entry, format byte first; only for what {@link #covers} accepts. */
    static byte[] encode(byte format, Command command) {
        if (command instanceof Command.BindLease lease)
            return write(new BinaryWriter(2 + TYPICAL_LEASE_BYTES).u8(format).u8(ONE_LEASE), lease).toByteArray();
        List<Command> leases = ((Command.Batch) command).commands();
        BinaryWriter out = new BinaryWriter(7 + leases.size() * TYPICAL_LEASE_BYTES)
                .u8(format).u8(LEASE_BATCH).varint(leases.size());
        for (Command lease : leases) write(out, (Command.BindLease) lease);
        return out.toByteArray();
    }

    /** Reads an entry whose format byte said binary leases; anything unreadable is {@link BinaryReader.Malformed}. */
    static Command decode(byte[] entry) {
        BinaryReader in = new BinaryReader(entry, 1);
        int shape = in.u8("shape");
        Command command = switch (shape) {
            case ONE_LEASE -> read(in);
            case LEASE_BATCH -> {
                int count = in.count("lease count", MIN_LEASE_BYTES);
                List<Command> leases = new ArrayList<>(count);
                for (int i = 0; i < count; i++) leases.add(read(in));
                yield new Command.Batch(leases);
            }
            default -> throw in.malformed(1, "shape " + shape + " is neither one lease (1) nor a batch (2)");
        };
        in.expectEnd("the last lease");
        return command;
    }

    private static boolean complete(Command.BindLease lease) {
        return lease.address() != null && lease.mac() != null;
    }

    private static BinaryWriter write(BinaryWriter out, Command.BindLease lease) {
        return out.int32(lease.address().bits())
                .int48(lease.mac().bits())
                .int64(lease.now())
                .int64(lease.expiresAt())
                .string(lease.clientId())
                .string(lease.hostname())
                .string(lease.subnet());
    }

    private static Command.BindLease read(BinaryReader in) {
        Ipv4 address = new Ipv4(in.int32("address"));
        Mac mac = new Mac(in.int48("mac"));
        long now = in.int64("now");
        long expiresAt = in.int64("expiresAt");
        String clientId = in.string("clientId");
        String hostname = in.string("hostname");
        String subnet = in.string("subnet");
        return new Command.BindLease(address, mac, clientId, hostname, subnet, now, expiresAt);
    }
}
