package io.pharos.node.ha;

import io.pharos.node.raft.RaftRole;
import java.util.Optional;

/** What the failover step function is told: role changes, the passing of time, results of its effects, operators. */
public sealed interface HaEvent {
    /** The Raft role of this node; {@code leaderId} is the leader this node knows of, or null. */
    record RoleChanged(RaftRole role, String leaderId) implements HaEvent {}

    /** Time passed; {@code vip} is the VIP the replicated settings name now (it may change at runtime). */
    record Tick(Optional<Vip> vip) implements HaEvent {}

    /** A majority committed the round this node started at {@code startedAt}, while it led. */
    record LeaseConfirmed(long startedAt) implements HaEvent {}

    record LeaseFailed(long startedAt, String reason) implements HaEvent {}

    /** The fence command started in the fencing episode that began at {@code episode} finished. */
    record FenceFinished(long episode, boolean ok, String detail) implements HaEvent {}

    record ServicesStarted() implements HaEvent {}

    /** An effect that takes something (VIP, services) failed; the actuator has logged the details. */
    record EffectFailed(HaEffect effect, String reason) implements HaEvent {}

    record HealthReported(ServiceHealth health) implements HaEvent {}

    record TransferFinished(long episode, boolean ok, String detail) implements HaEvent {}

    /** An operator (SIGUSR2, the API) asks the active node to hand over. */
    record StepDownRequested(String source) implements HaEvent {}

    /** An operator (SIGUSR1, the API) asks this node to become the active one. */
    record ActiveRequested(String source) implements HaEvent {}

    /** The node shuts down: give everything up, for good. */
    record Shutdown() implements HaEvent {}
}
