package io.pharos.node.ha;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in for the active Pharos JVM, run as a child process by {@link VipWatchdogNetnsTest} so that it can
 * be frozen (SIGSTOP) and killed: adds the VIP in a namespace and feeds the watchdog every 50 ms.
 * Arguments: DATA/ha directory, namespace, VIP/PREFIX, hold in ms.
 */
public final class WatchdogFeeder {
    private WatchdogFeeder() {}

    public static void main(String[] args) throws Exception {
        List<String> in = List.of("ip", "netns", "exec", args[1]);
        Vip vip = Vip.parse(args[2]);
        long hold = Long.parseLong(args[3]);
        VipWatchdog watchdog = VipWatchdog.start(Path.of(args[0]), VipActuator.Mode.KERNEL, "eth0", "", in);
        watchdog.hold(vip, hold);
        new VipActuator(VipActuator.Mode.KERNEL, "eth0", "", Duration.ofSeconds(30), in).add(vip);
        System.out.println("HOLDING watchdog=" + watchdog.pid());
        System.out.flush();
        for (int i = 0; i < 1200; i++) { // a minute at most, should the test not end this process
            watchdog.hold(vip, hold);
            Thread.sleep(50);
        }
    }
}
