package io.pharos.node.ha;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Active services that only count: how often each node started them, and, shared by every node of a test
 * cluster, how many nodes serve at once (invariant 1 says never more than one).
 */
final class RecordingServices implements ActiveServices {
    private final AtomicInteger servingNow;
    private final AtomicInteger mostAtOnce;
    private final AtomicInteger starts = new AtomicInteger();
    private volatile boolean running;
    private volatile ServiceHealth health = ServiceHealth.HEALTHY;

    RecordingServices(AtomicInteger servingNow, AtomicInteger mostAtOnce) {
        this.servingNow = servingNow;
        this.mostAtOnce = mostAtOnce;
    }

    static RecordingServices alone() {
        return new RecordingServices(new AtomicInteger(), new AtomicInteger());
    }

    @Override
    public synchronized void start() {
        if (running) throw new IllegalStateException("started twice without a stop");
        running = true;
        starts.incrementAndGet();
        mostAtOnce.accumulateAndGet(servingNow.incrementAndGet(), Math::max);
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        servingNow.decrementAndGet();
    }

    @Override
    public ServiceHealth health() {
        return health;
    }

    void failWith(ServiceHealth next) {
        health = next;
    }

    boolean running() {
        return running;
    }

    int starts() {
        return starts.get();
    }
}
