package io.pharos.node.http;

import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind {@link HttpStats}. */
final class HttpCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder status2xx = new LongAdder();
    final LongAdder status3xx = new LongAdder();
    final LongAdder status4xx = new LongAdder();
    final LongAdder status5xx = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder handlerFailures = new LongAdder();

    void countStatus(int status) {
        if (status >= 500) status5xx.increment();
        else if (status >= 400) status4xx.increment();
        else if (status >= 300) status3xx.increment();
        else if (status >= 200) status2xx.increment();
    }

    HttpStats snapshot() {
        return new HttpStats(requests.sum(), status2xx.sum(), status3xx.sum(), status4xx.sum(), status5xx.sum(),
                bytesIn.sum(), bytesOut.sum(), handlerFailures.sum());
    }
}
