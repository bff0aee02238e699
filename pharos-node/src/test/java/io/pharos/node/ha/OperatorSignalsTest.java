package io.pharos.node.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real signals to this JVM: SIGUSR2 asks for a step-down, SIGUSR1 for a switchover to this node. */
class OperatorSignalsTest {
    @Test
    void usr2StepsDownAndUsr1AsksToBecomeActive() throws Exception {
        AtomicInteger stepDowns = new AtomicInteger();
        AtomicInteger activations = new AtomicInteger();
        assertTrue(OperatorSignals.install(stepDowns::incrementAndGet, activations::incrementAndGet, "36"));
        long pid = ProcessHandle.current().pid();

        assertTrue(ProcessRunner.run(List.of("kill", "-USR2", Long.toString(pid)), Duration.ofSeconds(5)).ok());
        assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> stepDowns.get() == 1), "SIGUSR2 handled");
        assertEquals(0, activations.get());

        assertTrue(ProcessRunner.run(List.of("kill", "-USR1", Long.toString(pid)), Duration.ofSeconds(5)).ok());
        assertTrue(NetnsLab.await(Duration.ofSeconds(5), () -> activations.get() == 1), "SIGUSR1 handled");
        assertEquals(1, stepDowns.get());
    }

    /** HotSpot keeps SIGUSR2 for suspending threads unless _JAVA_SR_SIGNUM moves it; then it is not ours. */
    @Test
    void usr2IsTakenOnlyWhenTheJvmsSuspendSignalWasMoved() {
        assertTrue(OperatorSignals.jvmLeavesUsr2("36"));
        assertFalse(OperatorSignals.jvmLeavesUsr2(null));
        assertFalse(OperatorSignals.jvmLeavesUsr2("12"));
        assertFalse(OperatorSignals.jvmLeavesUsr2("usr1"));
    }
}
