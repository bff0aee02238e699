package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pharos cluster failover-safe}: whether another voter could take over without losing anything (it
 * holds the whole log and every file). Exit 0 when it is, 1 when not (after --wait), so scripts can gate
 * maintenance on it: {@code pharos cluster failover-safe --wait 5m && systemctl reboot}.
 */
@Command(name = "failover-safe", description = {"Exit 0 when a voter other than the active holds the whole log and "
        + "every file, 1 when none does (after --wait).", "e.g. pharos cluster failover-safe --wait 5m"})
final class ClusterCommandFailoverSafe extends ApiCommand {
    static final long POLL_MILLIS = 500;

    @Option(names = "--wait", paramLabel = "DURATION", converter = Durations.SecondsConverter.class,
            description = "keep asking until it is safe or this long has passed (90s, 5m)")
    Long waitSeconds;

    ClusterCommandFailoverSafe(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        long polls = waitSeconds == null ? 0 : waitSeconds * 1000 / POLL_MILLIS;
        JsonNode safety = api().get(ClusterCommand.API + "/failover-safe");
        for (long n = 0; n < polls && !safety.path("safe").asBoolean(); n++) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            safety = api().get(ClusterCommand.API + "/failover-safe");
        }
        printer().text(safety, sentence(safety));
        return safety.path("safe").asBoolean() ? ExitCode.OK : ExitCode.REFUSED;
    }

    @Override
    protected void run() {
        throw new IllegalStateException("call() answers the exit code itself");
    }

    /** "yes: n2 can take over" or "no: n2 is 12 log entries behind; ...". */
    static String sentence(JsonNode safety) {
        if (safety.path("safe").asBoolean()) {
            List<String> ids = new ArrayList<>();
            safety.path("candidates").forEach(c -> ids.add(c.asText()));
            return "yes: " + String.join(", ", ids) + (ids.size() == 1 ? " can" : " could each") + " take over without loss";
        }
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : safety.path("reasons").properties())
            reasons.add(e.getKey() + " " + e.getValue().asText());
        return "no: " + (reasons.isEmpty() ? "no voter could take over" : String.join("; ", reasons));
    }
}
