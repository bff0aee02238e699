package io.pharos.node.raft;

import io.pharos.core.command.Command;
import io.pharos.node.codec.CommandCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Proofs of leadership for the HA lease: each completes normally only if a majority acknowledged an append of
 * this node, as leader, sent after the proof was asked for. Any entry handed to this node's own server after the
 * request and committed by it is such a proof, so while commands stream (DHCP under load hands over an entry
 * every few milliseconds) a request rides on the next one instead of costing every node an entry, an fsync and
 * an apply of its own (the lease renews every 50 ms: 20 entries a second). A request that no entry carries
 * within {@link #RIDE_WITHIN}, or whose entry fails, is proven by a no-op entry; when no entry was handed over
 * lately (an idle node, a new leader) the no-op goes at once, so a takeover does not wait.
 */
public final class LeaderConfirmations {
    /** How long a request may wait for an entry to ride on; entries leave every linger plus a commit. */
    static final Duration RIDE_WITHIN = Duration.ofMillis(20);
    /** An empty batch decodes, applies to nothing and answers an empty result: a no-op entry. */
    private static final byte[] NO_OP = CommandCodec.encode(new Command.Batch(List.of()));

    private final RaftClientAsynchronousProtocol server;
    private final RaftPeerId self;
    private final RaftGroupId groupId;
    private final LongSupplier clock;
    private final Executor later;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callId = new AtomicLong();
    private final LongAdder rode = new LongAdder();
    private final LongAdder noOps = new LongAdder();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>(); // guarded by this
    private long lastBoarding;                                                 // guarded by this
    private boolean boarded;                                                   // guarded by this

    LeaderConfirmations(RaftClientAsynchronousProtocol server, RaftPeerId self, RaftGroupId groupId) {
        this(server, self, groupId, System::nanoTime,
                CompletableFuture.delayedExecutor(RIDE_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** @param later runs a task once {@link #RIDE_WITHIN} has passed */
    LeaderConfirmations(RaftClientAsynchronousProtocol server, RaftPeerId self, RaftGroupId groupId,
                        LongSupplier clock, Executor later) {
        this.server = server;
        this.self = self;
        this.groupId = groupId;
        this.clock = clock;
        this.later = later;
    }

    /** For GET /stats: proofs that rode on a command entry, and no-op entries written for the others. */
    public record Stats(long rodeOnCommands, long noOpEntries) {}

    Stats stats() {
        return new Stats(rode.sum(), noOps.sum());
    }

    /** A proof of leadership as of now: on the next entry if entries are streaming, else on a no-op. */
    CompletableFuture<Void> confirm() {
        CompletableFuture<Void> proof = new CompletableFuture<>();
        boolean streaming;
        synchronized (this) {
            streaming = boarded && clock.getAsLong() - lastBoarding <= RIDE_WITHIN.toNanos();
            if (streaming) waiting.add(proof);
        }
        if (!streaming) {
            proveByNoOp(List.of(proof));
            return proof;
        }
        later.execute(() -> {
            boolean stillWaiting;
            synchronized (this) {
                stillWaiting = waiting.remove(proof);
            }
            if (stillWaiting) proveByNoOp(List.of(proof));
        });
        return proof;
    }

    /**
     * Takes every waiting request onto an entry about to be handed to this node's server; the caller reports
     * the entry's outcome to the result.
     */
    Riders board() {
        List<CompletableFuture<Void>> riders;
        synchronized (this) {
            lastBoarding = clock.getAsLong();
            boarded = true;
            if (waiting.isEmpty()) return Riders.NONE;
            riders = List.copyOf(waiting);
            waiting.clear();
        }
        return new Riders(this, riders);
    }

    /** The requests one entry carries. */
    static final class Riders {
        static final Riders NONE = new Riders(null, List.of());
        private final LeaderConfirmations owner;
        private final List<CompletableFuture<Void>> proofs;

        private Riders(LeaderConfirmations owner, List<CompletableFuture<Void>> proofs) {
            this.owner = owner;
            this.proofs = proofs;
        }

        int proofCount() {
            return proofs.size();
        }

        /**
         * This node's own server answered the entry: a success proves them (it committed the entry as leader);
         * anything else (not leader, refused, failed) leaves them to a no-op, which fails where leadership is gone.
         */
        void answered(RaftClientReply reply, Throwable error) {
            if (proofs.isEmpty()) return;
            if (error == null && reply.isSuccess()) {
                owner.rode.add(proofs.size());
                for (CompletableFuture<Void> p : proofs) p.complete(null);
            } else {
                owner.proveByNoOp(proofs);
            }
        }
    }

    private void proveByNoOp(List<CompletableFuture<Void>> proofs) {
        noOps.increment();
        CompletableFuture<RaftClientReply> reply = RaftSubmitter.writeLocally(server, clientId, self, groupId,
                callId.incrementAndGet(), Message.valueOf(UnsafeByteOperations.unsafeWrap(NO_OP)));
        reply.whenComplete((r, error) -> {
            Throwable failure = error != null ? error : r.isSuccess() ? null
                    : new CompletionException(r.getException() != null ? r.getException() : new IOException("not committed"));
            for (CompletableFuture<Void> p : proofs) {
                if (failure == null) p.complete(null);
                else p.completeExceptionally(failure);
            }
        });
    }
}
