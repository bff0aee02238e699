package io.pharos.node.raft;

import io.pharos.core.command.Result;
import io.pharos.node.codec.CommandCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.JavaUtils;

/**
 * Appends encoded entries through the RaftClient (async and ordered, so entries keep submission order) and
 * turns the reply into the command's {@link Result} once this node has applied the entry too.
 */
final class RaftSubmitter {
    private final RaftClient client;
    private final AppliedIndex applied;
    private final Duration commitTimeout;

    RaftSubmitter(RaftClient client, AppliedIndex applied, Duration commitTimeout) {
        this.client = client;
        this.applied = applied;
        this.commitTimeout = commitTimeout;
    }

    CompletableFuture<Result> send(byte[] entry) {
        return client.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
                .thenCompose(reply -> {
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

    /** In words the caller can pass on: what happened and that retrying later is the remedy. */
    static NotCommittedException explain(Throwable error) {
        Throwable e = JavaUtils.unwrapCompletionException(error);
        if (e instanceof NotCommittedException n) return n;
        String why;
        if (e instanceof RaftRetryFailureException)
            why = "no leader committed it in time (is a majority of the Raft peers up and reachable?)";
        else if (e instanceof AlreadyClosedException) why = "the Raft client is closed (shutting down)";
        else if (e instanceof StateMachineException) why = "the leader refused the entry: " + e.getMessage();
        else if (e instanceof TimeoutException) why = "committed, but this node has not applied it yet";
        else why = e.toString();
        return new NotCommittedException("not committed: " + why + "; retry later", e);
    }
}
