package io.pharos.node.raft;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Result;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

class RaftSubmitterTest {
    /** A leader whose log never answers (no quorum, stuck disk): the entry still ends, as "not committed". */
    @Test
    void anEntryTheLogNeverAnswersFailsAfterTheCommitTimeout() throws Exception {
        RaftClientAsynchronousProtocol silent = request -> new CompletableFuture<>();
        RaftPeerId self = RaftPeerId.valueOf("n1");
        RaftGroupId group = RaftGroupId.randomId();
        RaftSubmitter submitter = new RaftSubmitter(null, silent, () -> true, self, group, new AppliedIndex(),
                Duration.ofMillis(50), new LeaderConfirmations(silent, self, group));
        CompletableFuture<Result> sent = submitter.send(new byte[] {1});
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> sent.get(10, TimeUnit.SECONDS));
        NotCommittedException why = assertInstanceOf(NotCommittedException.class, failed.getCause());
        assertTrue(why.getMessage().contains("did not answer within 50 ms"), why.getMessage());
    }
}
