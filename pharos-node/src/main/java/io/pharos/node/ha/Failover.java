package io.pharos.node.ha;

import io.pharos.node.raft.RaftRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.event.Level;

/**
 * The failover step function: {@link #step} takes the monotonic time and one event and returns the effects to
 * perform, in order. No I/O, no clock of its own, no threads: the same inputs give the same outputs, which is
 * what the scenario tests rely on. The states are documented in the package description.
 */
public final class Failover {
    private final HaTiming timing;
    private final String nodeId;
    private final boolean fenceConfigured;
    private final LeaseTracker lease;
    private final long margin;
    private HaState state = HaState.PASSIVE;
    private long enteredAt;
    private RaftRole role = RaftRole.NO_LEADER;
    private String previousLeader = "";
    private Optional<Vip> wantedVip = Optional.empty();
    private Vip heldVip;
    private long vipRenewedAt;
    private boolean servicesRunning;
    private boolean fenced;
    private boolean fenceRunning;
    private long fenceRetryAt;
    private boolean healthPending;
    private long nextHealthAt;
    private int unhealthyInARow;
    private boolean holdingOff;
    /** Episode of the transfer this node asked for as a passive (SIGUSR1, the API); others are its step-downs'. */
    private long switchoverAskedAt = Long.MIN_VALUE;
    private long holdOffUntil;
    private List<HaEffect> out = new ArrayList<>();

    public Failover(HaTiming timing, String nodeId, boolean fenceConfigured, long now) {
        this.timing = timing;
        this.nodeId = nodeId;
        this.fenceConfigured = fenceConfigured;
        this.lease = new LeaseTracker(timing, now);
        this.margin = timing.dropMargin().toNanos();
        this.enteredAt = now;
    }

    public HaState state() {
        return state;
    }

    /** True while this node may answer as the active one: activating or active, with the lease valid for a margin. */
    public boolean mayServe(long now) {
        return (state == HaState.ACTIVATING || state == HaState.ACTIVE) && lease.validAt(now, margin);
    }

    /**
     * The monotonic time until which this node may serve, when it may at all: what {@link #mayServe} checks,
     * for threads that must not call into this class.
     */
    public OptionalLong servingDeadline() {
        boolean serving = (state == HaState.ACTIVATING || state == HaState.ACTIVE) && lease.valid();
        return serving ? OptionalLong.of(lease.until() - margin) : OptionalLong.empty();
    }

    /** The VIP this node holds (asked to add and not yet asked to drop), if any. */
    public Optional<Vip> heldVip() {
        return Optional.ofNullable(heldVip);
    }

    public boolean servicesRunning() {
        return servicesRunning;
    }

    public List<HaEffect> step(long now, HaEvent event) {
        out = new ArrayList<>();
        if (state == HaState.STOPPED) return List.of();
        if (event instanceof HaEvent.Shutdown) {
            enter(HaState.STOPPED, now, Level.INFO, "HA_STOPPED", "the node shuts down");
            return List.copyOf(out);
        }
        note(event);
        settle(now);
        switch (state) {
            case PASSIVE -> passive(now, event);
            case FENCING -> fencing(now, event);
            case ACTIVATING -> activating(now, event);
            case ACTIVE -> active(now, event);
            case STEPPING_DOWN -> steppingDown(now, event);
            case STOPPED -> { }
        }
        settle(now);
        if ((state == HaState.ACTIVATING || state == HaState.ACTIVE) && event instanceof HaEvent.LeaseConfirmed
                && heldVip != null && mayServe(now))
            out.add(new HaEffect.FeedWatchdog(heldVip, lease.until() - margin));
        if (state.holdsLeadership() && lease.due(now)) {
            lease.started(now);
            out.add(new HaEffect.ConfirmLease(now));
        }
        return List.copyOf(out);
    }

    /** Bookkeeping every state does alike. */
    private void note(HaEvent event) {
        if (event instanceof HaEvent.RoleChanged r) {
            role = r.role();
            if (r.leaderId() != null && !r.leaderId().equals(nodeId)) previousLeader = r.leaderId();
        } else if (event instanceof HaEvent.Tick t) {
            wantedVip = t.vip();
        } else if (event instanceof HaEvent.LeaseConfirmed c) {
            lease.confirmed(c.startedAt());
        } else if (event instanceof HaEvent.LeaseFailed) {
            lease.failed();
        } else if (event instanceof HaEvent.HealthReported) {
            healthPending = false;
        }
    }

    /** Runs the current state's checks until no transition fires (at most a few: see the package description). */
    private void settle(long now) {
        for (int i = 0; i < 4; i++) {
            HaState before = state;
            switch (state) {
                case PASSIVE -> {
                    if (leads() && (!holdingOff || now - holdOffUntil >= 0)) {
                        holdingOff = false;
                        enter(HaState.FENCING, now, Level.INFO, "HA_STATE_CHANGED", "this node leads; waiting "
                                + timing.takeoverWait().toMillis() + " ms for the previous active's lease to run out"
                                + (fenceConfigured ? " and fencing '" + previousLeader + "'" : ""));
                    }
                }
                case FENCING -> {
                    if (!leads()) {
                        enter(HaState.PASSIVE, now, Level.INFO, "HA_STATE_CHANGED", "leadership lost (" + role + ")");
                    } else if (fenced && now - enteredAt >= timing.takeoverWait().toNanos() && lease.validAt(now, margin)) {
                        enter(HaState.ACTIVATING, now, Level.INFO, "HA_STATE_CHANGED", "lease confirmed and the "
                                + "previous active's lease is over");
                    } else if (now - lease.lastConfirmedStart() >= timing.leasePatience().toNanos()) {
                        enter(HaState.STEPPING_DOWN, now, Level.WARN, "HA_LEASE_UNCONFIRMED", "no majority confirmed "
                                + "this leader for " + timing.leasePatience().toSeconds() + " s; handing leadership "
                                + "over: check the network between the nodes and their load");
                    }
                }
                case ACTIVATING, ACTIVE -> {
                    if (!leads()) {
                        enter(HaState.PASSIVE, now, Level.WARN, "HA_LEADERSHIP_LOST", "this node no longer leads ("
                                + role + "); stopped serving and dropped the VIP");
                    } else if (!lease.validAt(now, margin)) {
                        enter(HaState.PASSIVE, now, Level.WARN, "HA_LEASE_LOST", "no majority confirmed this "
                                + "leader in time; stopped serving and dropped the VIP before the lease ended: check "
                                + "the network between the nodes and their load");
                    }
                }
                case STEPPING_DOWN -> {
                    if (role != RaftRole.LEADER_READY && role != RaftRole.LEADER_ELECTED) {
                        enter(HaState.PASSIVE, now, Level.INFO, "HA_STATE_CHANGED", "leadership handed over");
                    } else if (now - enteredAt >= timing.stepDownTimeout().toNanos()) {
                        holdOff(now);
                        enter(HaState.PASSIVE, now, Level.WARN, "HA_STEP_DOWN_FAILED", "no other node took over "
                                + "within " + timing.stepDownTimeout().toSeconds() + " s; this node serves again in "
                                + timing.holdOff().toSeconds() + " s if it still leads: start or repair another node");
                    }
                }
                case STOPPED -> { }
            }
            if (state == before) return;
        }
    }

    private void passive(long now, HaEvent event) {
        if (event instanceof HaEvent.ActiveRequested r) {
            if (leads()) {
                holdingOff = false;
                log(Level.INFO, "HA_SWITCHOVER_REQUESTED", "by " + r.source() + ": this node leads; activating");
            } else if (role == RaftRole.FOLLOWER) {
                switchoverAskedAt = now;
                out.add(new HaEffect.TransferLeadership(now, Optional.of(nodeId)));
                log(Level.INFO, "HA_SWITCHOVER_REQUESTED", "by " + r.source() + ": asking the leader to hand over");
            } else {
                log(Level.WARN, "HA_SWITCHOVER_IGNORED", "by " + r.source() + ": no leader is known (" + role
                        + "); try again once the cluster has one");
            }
        } else if (event instanceof HaEvent.TransferFinished t && t.episode() != switchoverAskedAt) {
            // The answer to this node's own step-down, arriving after its role already changed.
            log(Level.INFO, "HA_TRANSFER_DONE", "leadership left this node (" + t.detail() + ")");
        } else if (event instanceof HaEvent.TransferFinished t) {
            if (t.ok()) log(Level.INFO, "HA_SWITCHOVER_DONE", "leadership moved to this node");
            else log(Level.WARN, "HA_SWITCHOVER_FAILED", t.detail() + "; the active node keeps serving: check "
                    + "that this node is caught up (pharos cluster status) and try again");
        } else if (event instanceof HaEvent.StepDownRequested r) {
            log(Level.INFO, "HA_STEP_DOWN_IGNORED", "by " + r.source() + ": this node is passive already");
        }
    }

    private void fencing(long now, HaEvent event) {
        if (event instanceof HaEvent.FenceFinished f && f.episode() == enteredAt) {
            fenceRunning = false;
            if (f.ok()) {
                fenced = true;
                log(Level.INFO, "HA_FENCE_DONE", "fenced '" + previousLeader + "': " + f.detail());
            } else {
                fenceRetryAt = now + timing.fenceRetry().toNanos();
                log(Level.ERROR, "HA_FENCE_FAILED", f.detail() + "; this node will not serve until --fence-command "
                        + "succeeds, retrying in " + timing.fenceRetry().toSeconds() + " s: fix the command or "
                        + "power off '" + previousLeader + "' by hand");
            }
        } else if (event instanceof HaEvent.Tick && !fenced && !fenceRunning && now - fenceRetryAt >= 0) {
            runFence();
        } else if (event instanceof HaEvent.StepDownRequested r) {
            stepDown(now, r);
        } else if (event instanceof HaEvent.ActiveRequested r) {
            log(Level.INFO, "HA_SWITCHOVER_IGNORED", "by " + r.source() + ": this node is taking over already");
        }
    }

    private void activating(long now, HaEvent event) {
        if (event instanceof HaEvent.ServicesStarted) {
            enter(HaState.ACTIVE, now, Level.INFO, "HA_ACTIVE", "serving DHCP and TFTP"
                    + (heldVip == null ? " (no VIP configured)" : " on VIP " + heldVip));
        } else if (event instanceof HaEvent.EffectFailed f) {
            enter(HaState.STEPPING_DOWN, now, Level.ERROR, "HA_ACTIVATION_FAILED", effectName(f.effect()) + " failed: "
                    + f.reason() + "; handing over to another node: fix this node (see the log above)");
        } else if (event instanceof HaEvent.StepDownRequested r) {
            stepDown(now, r);
        }
    }

    private void active(long now, HaEvent event) {
        if (event instanceof HaEvent.Tick) {
            followVip(now);
            if (!healthPending && now - nextHealthAt >= 0) {
                healthPending = true;
                nextHealthAt = now + timing.healthInterval().toNanos();
                out.add(new HaEffect.CheckHealth());
            }
        } else if (event instanceof HaEvent.HealthReported h) {
            judgeHealth(now, h.health());
        } else if (event instanceof HaEvent.EffectFailed f) {
            enter(HaState.STEPPING_DOWN, now, Level.ERROR, "HA_VIP_LOST", effectName(f.effect()) + " failed: "
                    + f.reason() + "; handing over to another node: check the interface and the VIP settings");
        } else if (event instanceof HaEvent.StepDownRequested r) {
            stepDown(now, r);
        } else if (event instanceof HaEvent.ActiveRequested r) {
            log(Level.INFO, "HA_SWITCHOVER_IGNORED", "by " + r.source() + ": this node is active already");
        }
    }

    private void steppingDown(long now, HaEvent event) {
        if (event instanceof HaEvent.TransferFinished t && t.episode() == enteredAt) {
            if (t.ok()) {
                log(Level.INFO, "HA_TRANSFER_DONE", t.detail());
            } else {
                holdOff(now);
                enter(HaState.PASSIVE, now, Level.WARN, "HA_STEP_DOWN_FAILED", t.detail() + "; this node serves again "
                        + "in " + timing.holdOff().toSeconds() + " s if it still leads: start or repair another node");
            }
        } else if (event instanceof HaEvent.StepDownRequested || event instanceof HaEvent.ActiveRequested) {
            log(Level.INFO, "HA_STEP_DOWN_IGNORED", "stepping down already");
        }
    }

    /** The VIP may be set or changed at runtime (`pharos cluster init`); the active follows it. */
    private void followVip(long now) {
        Vip wanted = wantedVip.orElse(null);
        if (!Objects.equals(wanted, heldVip)) {
            log(Level.INFO, "HA_VIP_CHANGED", "the cluster's VIP changed from " + (heldVip == null ? "none" : heldVip)
                    + " to " + (wanted == null ? "none" : wanted));
            if (heldVip != null) out.add(new HaEffect.DropVip(heldVip));
            heldVip = wanted;
            if (wanted != null) acquireVip(now, wanted);
            if (wanted != null) out.add(new HaEffect.AnnounceArp(wanted));
        } else if (heldVip != null && now - vipRenewedAt >= timing.vipRenewInterval().toNanos()) {
            vipRenewedAt = now;
            out.add(new HaEffect.RenewVip(heldVip));
        }
    }

    private void judgeHealth(long now, ServiceHealth health) {
        if (health.healthy()) {
            unhealthyInARow = 0;
            return;
        }
        unhealthyInARow++;
        if (unhealthyInARow < timing.unhealthyReports()) {
            log(Level.WARN, "HA_SERVICE_DEGRADED", health + "; this node steps down if it persists");
            return;
        }
        enter(HaState.STEPPING_DOWN, now, Level.ERROR, "HA_SERVICE_UNHEALTHY", "service " + health.services()
                + " unhealthy " + unhealthyInARow + " times in a row (" + health + "); handing over to another "
                + "node: fix it here (see the log above), then this node can serve again");
    }

    private void enter(HaState next, long now, Level level, String id, String why) {
        log(level, id, why + " [" + state + " -> " + next + "]");
        state = next;
        enteredAt = now;
        switch (next) {
            case PASSIVE -> {
                standDown();
                lease.reset(now);
            }
            case FENCING -> {
                lease.reset(now);
                fenced = !fenceConfigured;
                fenceRunning = false;
                if (fenceConfigured) runFence();
            }
            case ACTIVATING -> {
                heldVip = wantedVip.orElse(null);
                if (heldVip != null) acquireVip(now, heldVip);
                servicesRunning = true;
                out.add(new HaEffect.StartServices());
            }
            case ACTIVE -> {
                if (heldVip != null) out.add(new HaEffect.AnnounceArp(heldVip));
                healthPending = false;
                unhealthyInARow = 0;
                nextHealthAt = now + timing.healthInterval().toNanos();
            }
            case STEPPING_DOWN -> {
                standDown();
                out.add(new HaEffect.TransferLeadership(now, Optional.empty()));
            }
            case STOPPED -> {
                standDown();
                lease.reset(now);
            }
        }
    }

    /** The watchdog is told first, so that a freeze right after the add still ends with the VIP dropped. */
    private void acquireVip(long now, Vip vip) {
        out.add(new HaEffect.FeedWatchdog(vip, lease.until() - margin));
        out.add(new HaEffect.AddVip(vip));
        vipRenewedAt = now;
    }

    private void standDown() {
        if (heldVip != null) out.add(new HaEffect.DropVip(heldVip));
        heldVip = null;
        if (servicesRunning) out.add(new HaEffect.StopServices());
        servicesRunning = false;
    }

    private void stepDown(long now, HaEvent.StepDownRequested request) {
        enter(HaState.STEPPING_DOWN, now, Level.INFO, "HA_STEP_DOWN_REQUESTED", "by " + request.source());
    }

    private void runFence() {
        fenceRunning = true;
        out.add(new HaEffect.RunFence(enteredAt, previousLeader));
    }

    private void holdOff(long now) {
        holdingOff = true;
        holdOffUntil = now + timing.holdOff().toNanos();
    }

    private boolean leads() {
        return role == RaftRole.LEADER_READY;
    }

    private void log(Level level, String id, String message) {
        out.add(new HaEffect.Log(level, id, message));
    }

    private static String effectName(HaEffect effect) {
        return effect.getClass().getSimpleName();
    }
}
