package io.pharos.node.boot;

import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Preferences;
import io.pharos.core.model.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new cluster starts with: the boot environments {@code local} (boot from disk) and {@code discovery}
 * (unknown machines register themselves), each with an iPXE, a PXELINUX and a GRUB template, and the
 * preferences that name them. The template bodies are resources under /boot/templates.
 */
public final class DefaultContent {
    /** Boot loader name, as used as the key of BootEnv.templates. */
    public static final String IPXE = "ipxe";
    public static final String PXELINUX = "pxelinux";
    public static final String GRUB = "grub";
    public static final List<String> LOADERS = List.of(IPXE, PXELINUX, GRUB);

    private DefaultContent() {}

    /** The commands to propose once, in order (templates before the boot environments that name them). */
    public static List<Command> seed() {
        List<Command> commands = new ArrayList<>();
        for (String env : List.of(BootEnv.LOCAL, BootEnv.DISCOVERY))
            for (String loader : LOADERS) commands.add(new Command.PutTemplate(template(env, loader)));
        commands.add(new Command.PutBootEnv(new BootEnv(BootEnv.LOCAL, "boot from the local disk", null, List.of(),
                null, templatesOf(BootEnv.LOCAL), List.of())));
        commands.add(new Command.PutBootEnv(new BootEnv(BootEnv.DISCOVERY,
                "unknown machines register themselves, then boot the default boot environment", null, List.of(),
                null, templatesOf(BootEnv.DISCOVERY), List.of())));
        commands.add(new Command.PutPreferences(Preferences.DEFAULT));
        return commands;
    }

    /** The name of the default template of a boot environment for a loader, e.g. "discovery-ipxe". */
    public static String templateName(String bootEnv, String loader) {
        return bootEnv + "-" + loader;
    }

    public static Template template(String bootEnv, String loader) {
        String resource = "/boot/templates/" + bootEnv + "." + loader;
        try (InputStream in = DefaultContent.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource " + resource + " is missing from the build");
            return new Template(templateName(bootEnv, loader), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static Map<String, String> templatesOf(String bootEnv) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (String loader : LOADERS) templates.put(loader, templateName(bootEnv, loader));
        return templates;
    }
}
