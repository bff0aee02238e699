package io.pharos.core.model;

import java.util.List;
import java.util.Map;

/**
 * How a machine boots: a kernel with initrds and arguments, and templates rendered per machine for each
 * boot loader. {@code local} is the boot environment that means "boot from the local disk".
 *
 * @param templates boot loader ("ipxe", "pxelinux", "grub") to template name
 * @param files     paths in the file store that this environment needs (for failover-safety checks)
 */
public record BootEnv(String name, String description, String kernel, List<String> initrds, String kernelArgs,
                      Map<String, String> templates, List<String> files) {
    public static final String LOCAL = "local";
    public static final String DISCOVERY = "discovery";

    public BootEnv {
        initrds = List.copyOf(initrds);
        templates = Maps.sortedCopy(templates);
        files = List.copyOf(files);
    }
}
