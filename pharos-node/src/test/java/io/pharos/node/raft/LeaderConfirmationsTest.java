package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.junit.jupiter.api.Test;

/**
 * When a leadership proof rides on a command entry and when it costs a no-op entry, with a fake clock, a fake
 * server and the "after {@link LeaderConfirmations#RIDE_WITHIN}" tasks run by hand. The safety rule under test:
 * only an entry handed to the server after a proof was asked for may prove it.
 */
class LeaderConfirmationsTest {
    private static final RaftPeerId SELF = RaftPeerId.valueOf("n1");
    private static final RaftGroupId GROUP = RaftGroupId.randomId();
    private static final long MS = 1_000_000;

    private final List<RaftClientRequest> noOps = new ArrayList<>();
    private final List<CompletableFuture<RaftClientReply>> noOpReplies = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private long now = 1_000 * MS;
    private final RaftClientAsynchronousProtocol server = request -> {
        noOps.add(request);
        CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
        noOpReplies.add(reply);
        return reply;
    };
    private final LeaderConfirmations confirmations =
            new LeaderConfirmations(server, SELF, GROUP, () -> now, later::add);

    @Test
    void withNoEntryHandedOverLatelyAProofCostsANoOpAtOnce() {
        CompletableFuture<Void> proof = confirmations.confirm();
        assertEquals(1, noOps.size(), "an idle node (or a new leader) does not wait for an entry");
        assertEquals(SELF, noOps.get(0).getServerId(), "the no-op goes to this node's own server");
        assertFalse(proof.isDone());
        noOpReplies.get(0).complete(success(noOps.get(0)));
        assertTrue(proof.isDone() && !proof.isCompletedExceptionally());

        now += LeaderConfirmations.RIDE_WITHIN.toNanos() + MS;
        confirmations.board();
        now += LeaderConfirmations.RIDE_WITHIN.toNanos() + MS;
        confirmations.confirm();
        assertEquals(2, noOps.size(), "an entry handed over longer ago than RIDE_WITHIN says nothing of now");
    }

    @Test
    void whileEntriesStreamAProofRidesOnTheNextEntryAndCostsNoNoOp() {
        confirmations.board().answered(null, new IllegalStateException("an earlier entry, before any proof"));
        CompletableFuture<Void> proof = confirmations.confirm();
        assertTrue(noOps.isEmpty() && !proof.isDone(), "it waits for the next entry");

        LeaderConfirmations.Riders next = confirmations.board();
        assertFalse(proof.isDone(), "proven only once the entry is committed");
        next.answered(success(null), null);
        assertTrue(proof.isDone() && !proof.isCompletedExceptionally());

        later.forEach(Runnable::run);
        assertTrue(noOps.isEmpty(), "a proof an entry carried sends no no-op when RIDE_WITHIN has passed");
    }

    @Test
    void anEntryHandedOverBeforeTheRequestNeverProvesIt() {
        LeaderConfirmations.Riders earlier = confirmations.board();
        CompletableFuture<Void> proof = confirmations.confirm();
        earlier.answered(success(null), null);
        assertFalse(proof.isDone(), "that entry's append may have reached the majority before the request");

        later.forEach(Runnable::run);
        assertEquals(1, noOps.size(), "with no later entry within RIDE_WITHIN, a no-op proves it");
        assertEquals(0, confirmations.board().proofCount(), "and no entry carries it any more");
        noOpReplies.get(0).complete(success(noOps.get(0)));
        assertTrue(proof.isDone() && !proof.isCompletedExceptionally());
    }

    @Test
    void anEntryThatFailsLeavesItsProofsToANoOpWhichFailsWhereLeadershipIsGone() {
        confirmations.board();
        CompletableFuture<Void> first = confirmations.confirm();
        CompletableFuture<Void> second = confirmations.confirm();
        LeaderConfirmations.Riders next = confirmations.board();
        assertEquals(2, next.proofCount());

        RaftClientRequest entry = noOpRequestLike();
        next.answered(RaftClientReply.newBuilder().setRequest(entry)
                .setException(new NotLeaderException(null, null, List.of())).build(), null);
        assertFalse(first.isDone(), "a refused entry proves nothing");
        assertEquals(1, noOps.size(), "one no-op for both");
        noOpReplies.get(0).complete(RaftClientReply.newBuilder().setRequest(noOps.get(0))
                .setException(new NotLeaderException(null, null, List.of())).build());
        assertTrue(first.isCompletedExceptionally() && second.isCompletedExceptionally());
    }

    private static RaftClientReply success(RaftClientRequest request) {
        return RaftClientReply.newBuilder().setRequest(request != null ? request : noOpRequestLike()).setSuccess().build();
    }

    private static RaftClientRequest noOpRequestLike() {
        return RaftClientRequest.newBuilder().setClientId(org.apache.ratis.protocol.ClientId.randomId())
                .setServerId(SELF).setGroupId(GROUP).setCallId(1).setType(RaftClientRequest.writeRequestType()).build();
    }
}
