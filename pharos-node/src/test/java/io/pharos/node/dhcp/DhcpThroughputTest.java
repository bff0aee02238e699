package io.pharos.node.dhcp;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of clients at once: each gets its own committed address, whether commits complete on another
 * thread or go through a real one-node Raft log. The rate is printed, not asserted: this machine's load
 * varies too much.
 */
@Timeout(180)
class DhcpThroughputTest {
    /** Applies on one thread, like the state machine, and completes the futures from there. */
    static final class AsyncLog implements CommandLog, AutoCloseable {
        private final State state;
        private final ExecutorService applier = Executors.newSingleThreadExecutor();

        AsyncLog(State state) {
            this.state = state;
        }

        @Override
        public CompletableFuture<Result> submit(Command command) {
            return CompletableFuture.supplyAsync(() -> state.apply(command), applier);
        }

        @Override
        public void close() {
            applier.shutdownNow();
        }
    }

    @Test
    void thousandsOfClientsWithCommitsCompletingElsewhere() throws IOException {
        State state = new State();
        state.apply(DoraLoad.subnet());
        try (AsyncLog log = new AsyncLog(state)) {
            DoraLoad.run(state, log, 3000, 250);
        }
    }

    @Test
    void thousandsOfClientsThroughARaftLog(@TempDir Path dir) throws IOException {
        int raftPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            raftPort = probe.getLocalPort();
        }
        try (RaftNode node = RaftNode.start(RaftSettings.singleNode("node1", dir, "127.0.0.1:" + raftPort))) {
            node.awaitLeader(Duration.ofSeconds(30));
            node.commandLog().submit(DoraLoad.subnet()).join();
            DoraLoad.run(node.state(), node.commandLog(), 5000, 500);
        }
    }
}
