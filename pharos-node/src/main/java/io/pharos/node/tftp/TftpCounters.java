package io.pharos.node.tftp;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link TftpStats}, shared by the listener and every transfer thread. */
final class TftpCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong transfersCompleted = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong malformedDropped = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong notActive = new AtomicLong();

    TftpStats snapshot() {
        return new TftpStats(requests.get(), transfersCompleted.get(), bytesSent.get(), malformedDropped.get(),
                aborted.get(), refused.get(), errors.get(), notActive.get());
    }
}
