package io.pharos.node.ha;

import io.pharos.node.ha.HaEffect.AddVip;
import io.pharos.node.ha.HaEffect.AnnounceArp;
import io.pharos.node.ha.HaEffect.CheckHealth;
import io.pharos.node.ha.HaEffect.ConfirmLease;
import io.pharos.node.ha.HaEffect.DropVip;
import io.pharos.node.ha.HaEffect.FeedWatchdog;
import io.pharos.node.ha.HaEffect.Log;
import io.pharos.node.ha.HaEffect.RenewVip;
import io.pharos.node.ha.HaEffect.RunFence;
import io.pharos.node.ha.HaEffect.StartServices;
import io.pharos.node.ha.HaEffect.StopServices;
import io.pharos.node.ha.HaEffect.TransferLeadership;
import io.pharos.node.raft.RaftRole;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Interprets one scenario command against a {@link Failover} on a fake monotonic clock and prints what it did.
 * It plays the controller's part the way {@link HaController} does: starting services and adding the VIP
 * answer at once (success unless {@code fail ...}), lease rounds and health checks are answered at the next
 * tick of {@code run} as {@code lease ...} and {@code health ...} say. Commands:
 * <pre>
 * init [fence]                      a node "n1" at @0ms, with or without --fence-command
 * role LABEL [leader=ID]            Raft role change (no-leader, follower, leader-elected, leader-ready)
 * vip CIDR | vip none               the VIP in the replicated settings, seen from the next tick
 * tick                              10 ms pass, then a tick
 * run DURATION                      ticks every 10 ms; routine effects are counted, not listed
 * freeze DURATION                   the clock jumps with no event at all (SIGSTOP, then SIGCONT)
 * lease ok|fail|hang                how later lease rounds end (default ok); answer ok|fail ends pending ones now
 * health ok | health SERVICE:DETAIL what health checks report from now on
 * fail start|vip|none               which acquiring effect fails from now on
 * fence ok|fail, transfer ok|fail   the outcome of the last fence command / leadership transfer
 * step-down, request-active, shutdown, services-started
 * </pre>
 */
final class ScenarioDriver {
    private static final long T0 = 1_000_000_000_000L;
    private static final long TICK = Duration.ofMillis(10).toNanos();
    private static final List<Class<?>> ROUTINE = List.of(ConfirmLease.class, FeedWatchdog.class, RenewVip.class,
            CheckHealth.class);

    private long now = T0;
    private Failover failover;
    private Optional<Vip> vip = Optional.empty();
    private final Deque<Long> pendingRounds = new ArrayDeque<>();
    private String leaseMode = "ok";
    private ServiceHealth health = ServiceHealth.HEALTHY;
    private boolean healthAsked;
    private String failing = "none";
    private long fenceEpisode;
    private long transferEpisode;
    private List<String> out;
    private Map<String, Integer> routine;

    String run(String command) {
        out = new ArrayList<>();
        routine = null;
        String[] words = command.trim().split("\\s+");
        String[] args = Arrays.copyOfRange(words, 1, words.length);
        switch (words[0]) {
            case "init" -> failover = new Failover(HaTiming.DEFAULT, "n1", has(args, "fence"), now);
            case "role" -> step(new HaEvent.RoleChanged(role(args[0]), option(args, "leader=")));
            case "vip" -> vip = args[0].equals("none") ? Optional.empty() : Optional.of(Vip.parse(args[0]));
            case "tick" -> {
                now += TICK;
                step(new HaEvent.Tick(vip));
            }
            case "run" -> run(parse(args[0]));
            case "freeze" -> now += parse(args[0]).toNanos();
            case "lease" -> leaseMode = args[0];
            case "answer" -> answerRounds(args[0]);
            case "health" -> health = args[0].equals("ok") ? ServiceHealth.HEALTHY : ServiceHealth.of(
                    new ServiceHealth.Problem(args[0].split(":", 2)[0], args[0].split(":", 2)[1].replace('_', ' ')));
            case "fail" -> failing = args[0];
            case "fence" -> step(new HaEvent.FenceFinished(fenceEpisode, args[0].equals("ok"), "exit " + (args[0].equals("ok") ? 0 : 1)));
            case "transfer" -> step(new HaEvent.TransferFinished(transferEpisode, args[0].equals("ok"), "transfer " + args[0]));
            case "step-down" -> step(new HaEvent.StepDownRequested("test"));
            case "request-active" -> step(new HaEvent.ActiveRequested("test"));
            case "services-started" -> step(new HaEvent.ServicesStarted());
            case "shutdown" -> step(new HaEvent.Shutdown());
            default -> throw new IllegalArgumentException("unknown scenario command: " + command);
        }
        if (routine != null && !routine.isEmpty()) out.add("routine " + routine);
        out.add(summary());
        return String.join("\n", out);
    }

    private void run(Duration duration) {
        routine = new TreeMap<>();
        long end = now + duration.toNanos();
        while (end - now > 0) {
            now += TICK;
            if (!leaseMode.equals("hang")) answerRounds(leaseMode);
            if (healthAsked) {
                healthAsked = false;
                step(new HaEvent.HealthReported(health));
            }
            step(new HaEvent.Tick(vip));
        }
    }

    private void answerRounds(String how) {
        while (!pendingRounds.isEmpty()) {
            long started = pendingRounds.poll();
            step(how.equals("ok") ? new HaEvent.LeaseConfirmed(started) : new HaEvent.LeaseFailed(started, "no majority"));
        }
    }

    private void step(HaEvent event) {
        Deque<HaEvent> followUps = new ArrayDeque<>();
        for (HaEffect effect : failover.step(now, event)) {
            if (effect.acquires() && !followUps.isEmpty() && followUps.peekLast() instanceof HaEvent.EffectFailed)
                continue; // as the controller does: nothing more is taken once something failed to come up
            switch (effect) {
                case ConfirmLease c -> pendingRounds.add(c.startedAt());
                case CheckHealth c -> healthAsked = true;
                case RunFence f -> fenceEpisode = f.episode();
                case TransferLeadership t -> transferEpisode = t.episode();
                case StartServices s -> followUps.add(failing.equals("start")
                        ? new HaEvent.EffectFailed(s, "bind: permission denied") : new HaEvent.ServicesStarted());
                case AddVip a when failing.equals("vip") -> followUps.add(new HaEvent.EffectFailed(a, "no such device"));
                case RenewVip r when failing.equals("vip") -> followUps.add(new HaEvent.EffectFailed(r, "no such device"));
                default -> { }
            }
            if (routine != null && ROUTINE.contains(effect.getClass())) routine.merge(name(effect), 1, Integer::sum);
            else out.add(at(now) + " " + describe(effect));
        }
        while (!followUps.isEmpty()) step(followUps.poll());
    }

    private String summary() {
        StringBuilder s = new StringBuilder("state=" + failover.state());
        failover.heldVip().ifPresent(v -> s.append(" vip=").append(v));
        if (failover.servicesRunning()) s.append(" services=running");
        failover.servingDeadline().ifPresent(d -> s.append(failover.mayServe(now) ? " serving-until=" + at(d)
                : " lease-over-since=" + at(d)));
        return s.toString();
    }

    private static String describe(HaEffect effect) {
        return switch (effect) {
            case ConfirmLease c -> "confirm-lease";
            case FeedWatchdog f -> "feed-watchdog " + f.vip() + " until " + at(f.holdUntil());
            case AddVip a -> "add-vip " + a.vip();
            case RenewVip r -> "renew-vip " + r.vip();
            case DropVip d -> "drop-vip " + d.vip();
            case AnnounceArp a -> "announce-arp " + a.vip().address();
            case HaEffect.StartServices s -> "start-services";
            case StopServices s -> "stop-services";
            case CheckHealth c -> "check-health";
            case RunFence f -> "run-fence old-active=" + (f.oldActive().isEmpty() ? "(unknown)" : f.oldActive());
            case TransferLeadership t -> "transfer-leadership to=" + t.target().orElse("most-caught-up");
            case Log l -> "log " + l.level() + " " + l.id() + " " + l.message();
        };
    }

    private static String name(HaEffect effect) {
        return describe(effect).split(" ")[0];
    }

    private static String at(long time) {
        return "@" + (time - T0) / 1_000_000 + "ms";
    }

    private static RaftRole role(String label) {
        for (RaftRole r : RaftRole.values()) if (r.label().equals(label)) return r;
        throw new IllegalArgumentException("no Raft role " + label);
    }

    private static Duration parse(String text) {
        if (text.endsWith("ms")) return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        if (text.endsWith("s")) return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        throw new IllegalArgumentException("not a duration (like 250ms or 2s): " + text);
    }

    private static boolean has(String[] args, String word) {
        return Arrays.asList(args).contains(word);
    }

    private static String option(String[] args, String prefix) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                .findFirst().orElse(null);
    }
}
