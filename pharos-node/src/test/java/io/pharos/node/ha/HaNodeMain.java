package io.pharos.node.ha;

import io.pharos.core.model.ClusterSettings;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HA node in a process of its own, for {@link HaFreezeNetnsTest}: a Raft member on 127.0.0.1 whose
 * controller holds the VIP on eth0 of a network namespace. Prints, with System.nanoTime() (CLOCK_MONOTONIC,
 * comparable across processes of one host): "STATE label t", "SERVICES start|stop t", "MAYSERVE true|false t".
 * Arguments: id, data dir, peers as id=host:port,..., namespace, VIP/PREFIX. Ends after two minutes at most.
 */
public final class HaNodeMain {
    private HaNodeMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String peer : args[2].split(",")) peers.put(peer.split("=")[0], peer.split("=")[1]);
        Vip vip = Vip.parse(args[4]);
        ClusterSettings cluster = new ClusterSettings("lab", vip.address(), vip.prefix(), "");
        RaftNode raft = RaftNode.start(RaftSettings.cluster(args[0], Path.of(args[1]), peers));
        ActiveServices services = new ActiveServices() {
            public void start() {
                print("SERVICES start");
            }

            public void stop() {
                print("SERVICES stop");
            }

            public ServiceHealth health() {
                return ServiceHealth.HEALTHY;
            }
        };
        HaController ha = new HaController(HaRaft.of(raft), services, new VipActuator(VipActuator.Mode.KERNEL, "eth0",
                "", Duration.ofSeconds(3), List.of("ip", "netns", "exec", args[3])), Path.of(args[1], "ha"), "",
                () -> cluster, HaTiming.DEFAULT, System::nanoTime);
        ha.start();
        print("READY");
        String state = "";
        boolean mayServe = false;
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() - end < 0) {
            if (!ha.state().equals(state)) print("STATE " + (state = ha.state()));
            if (ha.mayServe() != mayServe) print("MAYSERVE " + (mayServe = !mayServe));
            Thread.sleep(1);
        }
        ha.close();
        raft.close();
    }

    private static synchronized void print(String line) {
        System.out.println(line + " " + System.nanoTime());
        System.out.flush();
    }
}
