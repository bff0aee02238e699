package io.pharos.node.boot;

import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Machine;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a MAC boots and renders it for one boot loader: a known machine gets its own boot
 * environment (or the preferences' defaultBootEnv when it names none), an unknown MAC gets the
 * preferences' unknownBootEnv (normally "discovery").
 */
public final class BootScripts {
    private static final Logger LOG = LoggerFactory.getLogger(BootScripts.class);

    private final State state;
    private final TemplateRenderer renderer;
    private final BootCounters counters;

    /** What was rendered, and from what. */
    public record Rendered(String text, String bootEnv, String template, Optional<Machine> machine) {}

    public BootScripts(State state, TemplateRenderer renderer, BootCounters counters) {
        this.state = state;
        this.renderer = renderer;
        this.counters = counters;
    }

    /**
     * @param mac    the MAC asking, or null when unknown (e.g. pxelinux.cfg/default): rendered as unknown
     * @param loader "ipxe", "pxelinux" or "grub" (see {@link DefaultContent#LOADERS})
     */
    public Rendered render(Mac mac, String loader, String arch, ServerUrls server) throws TemplateException {
        Optional<Machine> machine = mac == null ? Optional.empty() : state.machineByMac(mac);
        String envName = machine.map(Machine::bootEnv).orElse(null);
        if (envName == null)
            envName = machine.isPresent() ? state.preferences().defaultBootEnv() : state.preferences().unknownBootEnv();
        try {
            BootEnv env = bootEnv(envName);
            String templateName = env.templates().get(loader);
            if (templateName == null)
                throw new TemplateException(null, "boot environment '" + envName + "' has no '" + loader
                        + "' template; add one to its templates (PUT /api/v1/bootenvs/" + envName + ")");
            String text = renderer.render(templateName,
                    new RenderContext(machine.orElse(null), env, state.params(), mac, arch, server));
            counters.renders.increment();
            LOG.debug("BOOT_RENDERED mac={} loader={} bootenv={} template={}", mac, loader, envName, templateName);
            return new Rendered(text, envName, templateName, machine);
        } catch (TemplateException e) {
            counters.renderFailures.increment();
            LOG.warn("BOOT_RENDER_FAILED mac={} loader={} bootenv={}: {}; fix the template or boot environment,"
                    + " the machine retries on its next boot", mac, loader, envName, e.getMessage());
            throw e;
        }
    }

    private BootEnv bootEnv(String name) throws TemplateException {
        return state.bootEnv(name).orElseThrow(() -> new TemplateException(null, "boot environment '" + name
                + "' does not exist; create it or change the machine or the preferences to name one that does"));
    }
}
