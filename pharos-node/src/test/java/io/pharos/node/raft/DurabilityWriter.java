package io.pharos.node.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link KillDurabilityTest}: starts a single node on the given directory and binds leases
 * 0, 1, 2, ... with many in flight, printing "ACK n" once lease n's future completed. Bounded in count and
 * time; normally the test kills it with SIGKILL long before.
 * Arguments: data directory, raft port.
 */
public final class DurabilityWriter {
    private static final int MAX_LEASES = 200_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(60);
    private static final int IN_FLIGHT = 256;

    private DurabilityWriter() {}

    public static void main(String[] args) throws Exception {
        String address = RaftTestSupport.loopback(Integer.parseInt(args[1]));
        RaftSettings settings = RaftSettings.singleNode("node1", Path.of(args[0]), address);
        try (RaftNode node = RaftNode.start(settings)) {
            node.awaitLeader(Duration.ofSeconds(20));
            node.commandLog().submit(RaftTestSupport.subnet()).get(10, TimeUnit.SECONDS);
            System.out.println("READY");
            System.out.flush();
            Semaphore window = new Semaphore(IN_FLIGHT);
            long deadline = System.nanoTime() + MAX_TIME.toNanos();
            for (int n = 0; n < MAX_LEASES && System.nanoTime() < deadline; n++) {
                window.acquire();
                int acked = n;
                node.commandLog().submit(RaftTestSupport.lease(n)).whenComplete((result, error) -> {
                    window.release();
                    if (error == null && result.isOk()) {
                        System.out.println("ACK " + acked);
                        System.out.flush();
                    }
                });
            }
            window.acquire(IN_FLIGHT);
        }
    }
}
