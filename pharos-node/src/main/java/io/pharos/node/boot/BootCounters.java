package io.pharos.node.boot;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link BootStats}; one instance shared by the HTTP and TFTP sides. */
public final class BootCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder renders = new LongAdder();
    final LongAdder renderFailures = new LongAdder();
    final LongAdder registrations = new LongAdder();
    final LongAdder filesServed = new LongAdder();
    final LongAdder notFound = new LongAdder();
    final LongAdder refused = new LongAdder();

    public BootStats snapshot() {
        return new BootStats(requests.sum(), renders.sum(), renderFailures.sum(), registrations.sum(),
                filesServed.sum(), notFound.sum(), refused.sum());
    }
}
