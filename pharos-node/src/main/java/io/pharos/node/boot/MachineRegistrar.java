package io.pharos.node.boot;

import io.pharos.core.command.Command;
import io.pharos.core.command.CommandLog;
import io.pharos.core.command.Result;
import io.pharos.core.model.Machine;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.node.files.Commit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an unknown MAC that calls /boot/register into a Machine, committed before the answer. Registering
 * a known MAC changes nothing. Two nodes or threads racing for the same MAC are settled by apply, which
 * refuses a second machine with that MAC; the loser then finds the winner's machine.
 */
public final class MachineRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRegistrar.class);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_FACT_LENGTH = 128;
    /** Query parameters recorded as machine params "machine/NAME". */
    public static final List<String> FACTS = List.of("uuid", "serial", "manufacturer", "arch");

    private final State state;
    private final CommandLog log;
    private final Supplier<UUID> randomIds;
    private final Duration commitTimeout;

    public record Registration(Machine machine, boolean created) {}

    /** The registration was refused by the state; the message says why. */
    public static final class RefusedException extends Exception {
        private final Result.Refusal kind;

        RefusedException(Result.Refusal kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Result.Refusal kind() {
            return kind;
        }
    }

    public MachineRegistrar(State state, CommandLog log, Supplier<UUID> randomIds, Duration commitTimeout) {
        this.state = state;
        this.log = log;
        this.randomIds = randomIds;
        this.commitTimeout = commitTimeout;
    }

    /** @param facts what the machine reported: uuid, serial, manufacturer, arch (others are ignored) */
    public Registration register(Mac mac, Map<String, String> facts)
            throws Commit.NotCommittedException, RefusedException {
        Optional<Machine> known = state.machineByMac(mac);
        if (known.isPresent()) return new Registration(known.get(), false);
        Machine machine = new Machine(idFor(facts.get("uuid")), nameFor(mac), List.of(mac), null,
                state.preferences().defaultBootEnv(), params(facts));
        Result result = Commit.await(log, new Command.PutMachine(machine), commitTimeout);
        if (result instanceof Result.Refused refused) {
            Optional<Machine> winner = state.machineByMac(mac);
            if (winner.isPresent()) return new Registration(winner.get(), false);
            LOG.warn("BOOT_REGISTER_REFUSED mac={}: {}; fix the conflict (e.g. rename or delete the machine named {})"
                    + " and the machine registers on its next boot", mac, refused.reason(), machine.name());
            throw new RefusedException(refused.kind(), refused.reason());
        }
        LOG.info("BOOT_MACHINE_REGISTERED mac={} id={} name={} bootenv={}", mac, machine.id(), machine.name(),
                machine.bootEnv());
        return new Registration(machine, true);
    }

    public static String nameFor(Mac mac) {
        return "m-" + mac.toString().replace(":", "");
    }

    /**
     * The SMBIOS UUID when it is a real one and not already another machine's; firmware often reports
     * all-zero or all-F placeholders (SMBIOS 3.x §7.2.1 "not present" / "not settable").
     */
    private UUID idFor(String reported) {
        if (reported != null && UUID_TEXT.matcher(reported.trim()).matches()) {
            String hex = reported.trim().replace("-", "").toLowerCase(Locale.ROOT);
            boolean placeholder = hex.chars().allMatch(c -> c == '0') || hex.chars().allMatch(c -> c == 'f');
            UUID id = UUID.fromString(reported.trim());
            if (!placeholder && state.machine(id).isEmpty()) return id;
        }
        return randomIds.get();
    }

    private static Map<String, String> params(Map<String, String> facts) {
        Map<String, String> params = new TreeMap<>();
        for (String fact : FACTS) {
            String value = facts.get(fact);
            if (value == null) continue;
            String clean = value.strip().replaceAll("\\p{Cntrl}", "");
            if (clean.length() > MAX_FACT_LENGTH) clean = clean.substring(0, MAX_FACT_LENGTH);
            if (!clean.isEmpty()) params.put("machine/" + fact, clean);
        }
        return params;
    }
}
