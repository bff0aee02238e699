package io.pharos.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Boot environments, templates and machines created through the API as their JSON records. */
public final class BootSetup {
    private BootSetup() {}

    public static void template(PharosApi api, String name, String body) {
        api.post("/templates", Map.of("name", name, "body", body)).ok();
    }

    /** A boot environment whose loaders ("ipxe", "pxelinux", "grub") use the given template names. */
    public static void bootEnv(PharosApi api, String name, String kernel, Map<String, String> templates) {
        api.post("/bootenvs", Map.of("name", name, "description", "e2e " + name, "kernel", kernel,
                "initrds", List.of(), "kernelArgs", "console=ttyS0", "templates", templates, "files", List.of())).ok();
    }

    public static void machine(PharosApi api, String name, String mac, String bootEnv) {
        api.post("/machines", Map.of("id", UUID.randomUUID().toString(), "name", name, "macs", List.of(mac),
                "bootEnv", bootEnv, "params", Map.of())).ok();
    }
}
