package io.pharos.node.raft;

import io.pharos.core.command.Result;
import io.pharos.node.codec.CommandCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.JavaUtils;

/**
 * Appends encoded entries and turns the reply into the command's {@link Result} once this node has applied
 * the entry too. Every entry is answered: it fails when the log does not answer within the commit timeout,
 * or this node does not apply it within another, so callers need no timer of their own.
 *
 * <p>On the leader an entry goes straight to the local Raft server: the RaftClient's path would carry it
 * through gRPC over loopback TCP to the same process, which costs more CPU than the append itself.
 * Elsewhere (or if leadership moved in between) the RaftClient sends it to the leader.
 *
 * <p>Entries keep their submission order when one thread submits: the local server appends before
 * {@code submitClientRequestAsync} returns, and the RaftClient's async API is ordered.
 */
final class RaftSubmitter {
    private final RaftClient client;
    private final RaftClientAsynchronousProtocol localServer;
    private final BooleanSupplier leaderHere;
    private final RaftPeerId self;
    private final RaftGroupId groupId;
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final AppliedIndex applied;
    private final Duration commitTimeout;
    private final LeaderConfirmations confirmations;

    /** @param leaderHere whether this node is the leader and ready to append (its first entry committed) */
    RaftSubmitter(RaftClient client, RaftClientAsynchronousProtocol localServer, BooleanSupplier leaderHere,
                  RaftPeerId self, RaftGroupId groupId, AppliedIndex applied, Duration commitTimeout,
                  LeaderConfirmations confirmations) {
        this.client = client;
        this.localServer = localServer;
        this.leaderHere = leaderHere;
        this.self = self;
        this.groupId = groupId;
        this.applied = applied;
        this.commitTimeout = commitTimeout;
        this.confirmations = confirmations;
    }

    CompletableFuture<Result> send(byte[] entry) {
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry));
        CompletableFuture<RaftClientReply> sent = answeredInTime(
                leaderHere.getAsBoolean() ? sendHere(message) : client.async().send(message));
        return sent.thenCompose(reply -> {
                    Result result = CommandCodec.decodeResult(reply.getMessage().getContent().toByteArray());
                    return applied.reached(reply.getLogIndex())
                            .orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .thenApply(v -> result);
                })
                .handle((result, error) -> {
                    if (error != null) throw new CompletionException(explain(error));
                    return result;
                });
    }

    /**
     * The log's answer, or a failure once the commit timeout passed without one; on a copy, so that the
     * RaftClient's own future is left for the client to complete.
     */
    private CompletableFuture<RaftClientReply> answeredInTime(CompletableFuture<RaftClientReply> answer) {
        return answer.copy().orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        JavaUtils.unwrapCompletionException(error) instanceof TimeoutException
                                ? new NotCommittedException("not committed: the Raft log did not answer within "
                                        + commitTimeout.toMillis() + " ms (is a majority of the Raft peers up and "
                                        + "reachable?); retry later", error)
                                : error));
    }

    /**
     * Appends on this node; an entry refused because leadership just moved was not appended and goes by client.
     * Waiting leadership confirmations ride on it: it is handed to this node's server after they were asked for.
     */
    private CompletableFuture<RaftClientReply> sendHere(Message message) {
        LeaderConfirmations.Riders riders = confirmations.board();
        CompletableFuture<RaftClientReply> reply =
                writeLocally(localServer, localClientId, self, groupId, callIds.incrementAndGet(), message);
        reply.whenComplete(riders::answered);
        return reply.thenCompose(r -> {
            if (r.isSuccess()) return CompletableFuture.completedFuture(r);
            if (r.getNotLeaderException() != null || r.getException() instanceof LeaderNotReadyException)
                return client.async().send(message);
            return CompletableFuture.failedFuture(r.getException() != null ? r.getException()
                    : new IllegalStateException("the Raft server refused the entry without saying why"));
        });
    }

    /** A write request to this node's own server, never redirected; its reply, or the failure to submit it. */
    static CompletableFuture<RaftClientReply> writeLocally(RaftClientAsynchronousProtocol server, ClientId clientId,
                                                          RaftPeerId self, RaftGroupId groupId, long callId,
                                                          Message message) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId).setServerId(self).setGroupId(groupId)
                .setCallId(callId).setMessage(message)
                .setType(RaftClientRequest.writeRequestType())
                .build();
        try {
            return server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** In words the caller can pass on: what happened and that retrying later is the remedy. */
    static NotCommittedException explain(Throwable error) {
        Throwable e = JavaUtils.unwrapCompletionException(error);
        if (e instanceof NotCommittedException n) return n;
        String why;
        if (e instanceof RaftRetryFailureException)
            why = "no leader committed it in time (is a majority of the Raft peers up and reachable?)";
        else if (e instanceof AlreadyClosedException) why = "the Raft server or client is closed (shutting down)";
        else if (e instanceof StateMachineException) why = "the leader refused the entry: " + e.getMessage();
        else if (e instanceof NotLeaderException) why = "this node stopped leading while the entry was on its way";
        else if (e instanceof TimeoutException) why = "committed, but this node has not applied it yet";
        else why = e.toString();
        return new NotCommittedException("not committed: " + why + "; retry later", e);
    }
}
