package io.pharos.node.ha;

/**
 * This node's leader lease, on the monotonic clock (nanoseconds; compared by difference, so wrap-around is
 * harmless). A round started at t0 and committed by a majority makes the lease valid until t0 + duration:
 * each follower that acknowledged it heard from this leader at or after t0.
 */
final class LeaseTracker {
    private final long duration;
    private final long renewEvery;
    private final int maxInFlight;
    private long epoch;
    private boolean valid;
    private long until;
    private long lastConfirmedStart;
    private boolean started;
    private long lastStart;
    private int inFlight;

    LeaseTracker(HaTiming timing, long now) {
        this.duration = timing.leaseDuration().toNanos();
        this.renewEvery = timing.renewInterval().toNanos();
        this.maxInFlight = timing.maxConfirmsInFlight();
        reset(now);
    }

    /** Forgets the lease; rounds started before {@code now} no longer count (a new leadership episode). */
    void reset(long now) {
        epoch = now;
        valid = false;
        lastConfirmedStart = now;
    }

    boolean due(long now) {
        return inFlight < maxInFlight && (!started || now - lastStart >= renewEvery);
    }

    void started(long now) {
        started = true;
        lastStart = now;
        inFlight++;
    }

    void confirmed(long startedAt) {
        answered();
        if (startedAt - epoch < 0) return;
        long end = startedAt + duration;
        if (!valid || end - until > 0) until = end;
        valid = true;
        if (startedAt - lastConfirmedStart > 0) lastConfirmedStart = startedAt;
    }

    void failed() {
        answered();
    }

    private void answered() {
        if (inFlight > 0) inFlight--;
    }

    /** True while the lease lasts at least {@code margin} beyond {@code now}. */
    boolean validAt(long now, long margin) {
        return valid && until - margin - now > 0;
    }

    boolean valid() {
        return valid;
    }

    long until() {
        return until;
    }

    /** Start of the newest confirmed round of this episode, or the episode's start. */
    long lastConfirmedStart() {
        return lastConfirmedStart;
    }
}
