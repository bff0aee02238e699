package io.pharos.node.ha;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs --fence-command before this node takes over, e.g. an IPMI power-off of the old active (STONITH). The
 * command runs with /bin/sh -c and gets PHAROS_OLD_ACTIVE (the previous leader's node id, empty when this node
 * never saw one: it must then fence every other member or nothing), PHAROS_NODE_ID and PHAROS_VIP.
 */
final class FenceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FenceRunner.class);

    private final String command;
    private final String nodeId;
    private final Duration timeout;

    FenceRunner(String command, String nodeId, Duration timeout) {
        this.command = command;
        this.nodeId = nodeId;
        this.timeout = timeout;
    }

    boolean configured() {
        return !command.isBlank();
    }

    /** Blocks until the command ends or times out; the answer goes back to the step function. */
    HaEvent.FenceFinished run(long episode, String oldActive, String vip) {
        LOG.info("HA_FENCE_RUN '{}' against '{}'", command, oldActive);
        try {
            ProcessRunner.Outcome outcome = ProcessRunner.run(List.of("/bin/sh", "-c", command), timeout,
                    Map.of("PHAROS_OLD_ACTIVE", oldActive, "PHAROS_NODE_ID", nodeId, "PHAROS_VIP", vip));
            return new HaEvent.FenceFinished(episode, outcome.ok(), "--fence-command " + outcome.describe());
        } catch (IOException e) {
            return new HaEvent.FenceFinished(episode, false, "--fence-command could not run: " + e.getMessage());
        }
    }
}
