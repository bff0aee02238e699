package io.pharos.node.raft;

import java.util.function.IntSupplier;

/**
 * Log entries on their way at once, up to a limit read whenever a slot is sought: the limit follows the
 * group's shape (see {@link BatchingCommandLog.Limits}), which may change while entries are in flight.
 */
final class EntrySlots {
    private int taken;

    /** Waits until fewer than {@code max} entries are on their way, then counts one more. */
    synchronized void take(IntSupplier max) throws InterruptedException {
        while (taken >= max.getAsInt()) wait();
        taken++;
    }

    synchronized void free() {
        taken--;
        notifyAll();
    }

    /** Waits up to {@code millis} for every entry to be answered; true when none is left on its way. */
    synchronized boolean awaitAllFree(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; taken > 0 && left > 0; left = deadline - System.currentTimeMillis()) wait(left);
        return taken == 0;
    }
}
