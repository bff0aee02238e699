package io.pharos.node.http;

/**
 * Counters of one HTTP host since it started. An exchange's status is counted just after its answer is
 * sent, so a client may briefly see its own request counted but not yet its status.
 *
 * @param handlerFailures handler exceptions (answered 500, or cut short when the answer had begun)
 */
public record HttpStats(long requests, long status2xx, long status3xx, long status4xx, long status5xx,
                        long bytesIn, long bytesOut, long handlerFailures) {}
