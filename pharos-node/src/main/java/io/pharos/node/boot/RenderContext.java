package io.pharos.node.boot;

import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Machine;
import io.pharos.core.net.Mac;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything a template may name, for one machine (or one unknown MAC) booting one boot environment.
 *
 * <p>Variables: {@code machine} (name, id, macs, address, bootenv, params), {@code bootenv} (name,
 * description, kernel, initrds, initrd = the first one, kernelArgs, files), {@code params} (global params
 * overridden by the machine's), {@code mac} (aa:bb:cc:dd:ee:ff), {@code mac_dashes} (aa-bb-cc-dd-ee-ff,
 * as pxelinux names files), {@code arch}, {@code server} (address, http, boot, httpPort).
 *
 * @param machine      the known machine, or null for an unknown one
 * @param bootEnv      the boot environment being rendered, or null
 * @param globalParams the cluster's params (State.params())
 * @param mac          the MAC that asked, or null when not known (e.g. pxelinux.cfg/default)
 * @param arch         the client architecture as reported (DHCP option 93 name or iPXE buildarch), or ""
 */
public record RenderContext(Machine machine, BootEnv bootEnv, Map<String, String> globalParams, Mac mac, String arch,
                            ServerUrls server) {

    /** The params a template sees: global values, each overridden by the machine's own. */
    public Map<String, String> params() {
        Map<String, String> merged = new TreeMap<>(globalParams);
        if (machine != null) merged.putAll(machine.params());
        return merged;
    }

    Map<String, Object> variables(Consumer<String> onMissing) {
        Map<String, Object> out = new HashMap<>();
        out.put("machine", new RecordingMap("machine", machineValues(onMissing), onMissing));
        out.put("bootenv", new RecordingMap("bootenv", bootEnvValues(), onMissing));
        out.put("params", new RecordingMap("params", params(), onMissing));
        out.put("mac", mac == null ? "" : mac.toString());
        out.put("mac_dashes", mac == null ? "" : mac.toString().replace(':', '-'));
        out.put("arch", arch == null ? "" : arch);
        out.put("server", new RecordingMap("server", Map.of("address", server.address(), "http", server.http(),
                "boot", server.boot(), "httpPort", server.httpPort()), onMissing));
        return out;
    }

    private Map<String, Object> machineValues(Consumer<String> onMissing) {
        if (machine == null) return Map.of();
        Map<String, Object> values = new HashMap<>();
        values.put("name", machine.name());
        values.put("id", machine.id().toString());
        values.put("macs", machine.macs().stream().map(Mac::toString).toList());
        values.put("address", machine.address() == null ? "" : machine.address().toString());
        values.put("bootenv", machine.bootEnv() == null ? "" : machine.bootEnv());
        values.put("params", new RecordingMap("machine.params", machine.params(), onMissing));
        return values;
    }

    private Map<String, Object> bootEnvValues() {
        if (bootEnv == null) return Map.of();
        List<String> initrds = bootEnv.initrds();
        Map<String, Object> values = new HashMap<>();
        values.put("name", bootEnv.name());
        values.put("description", orEmpty(bootEnv.description()));
        values.put("kernel", orEmpty(bootEnv.kernel()));
        values.put("initrds", initrds);
        values.put("initrd", initrds.isEmpty() ? "" : initrds.get(0));
        values.put("kernelArgs", orEmpty(bootEnv.kernelArgs()));
        values.put("files", bootEnv.files());
        return values;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
