package io.pharos.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.BootEnv;
import io.pharos.core.model.Machine;
import io.pharos.core.model.Preferences;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import io.pharos.core.state.State;
import io.pharos.node.codec.CommandCodec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultContentTest {
    static final Mac MAC = Mac.parse("52:54:00:12:34:56");
    static final ServerUrls SERVER = new ServerUrls("10.0.0.1", 8080);

    /** A state holding the default content, as a new cluster starts. */
    static State seeded() {
        State state = new State();
        Result result = state.apply(new Command.Batch(DefaultContent.seed()));
        for (Result each : ((Result.Batched) result).results()) assertTrue(each.isOk(), each.toString());
        return state;
    }

    static Machine machine(String bootEnv, Map<String, String> params) {
        return new Machine(UUID.fromString("3f1c2b4a-1111-4222-8333-944455556666"), "web-1", List.of(MAC),
                Ipv4.parse("10.0.0.50"), bootEnv, params);
    }

    @Test
    void seedsBothBootEnvironmentsWithEveryLoaderAndThePreferences() {
        State state = seeded();
        for (String env : List.of(BootEnv.LOCAL, BootEnv.DISCOVERY)) {
            BootEnv bootEnv = state.bootEnv(env).orElseThrow();
            assertEquals(DefaultContent.LOADERS.stream().sorted().toList(), List.copyOf(bootEnv.templates().keySet()));
            for (String template : bootEnv.templates().values())
                assertEquals(java.util.Optional.empty(), TemplateRenderer.check(state.template(template).orElseThrow().body()),
                        template + " must compile");
        }
        assertEquals(Preferences.DEFAULT, state.preferences());
    }

    @Test
    void theSeedSurvivesTheLogEncoding() {
        Command batch = new Command.Batch(DefaultContent.seed());
        assertEquals(batch, CommandCodec.decode(CommandCodec.encode(batch)));
    }

    @Test
    void discoveryForAnUnknownMachineRegistersWithTheServerAddress() throws Exception {
        State state = seeded();
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), new BootCounters());

        BootScripts.Rendered ipxe = scripts.render(MAC, DefaultContent.IPXE, "x86_64", SERVER);

        assertEquals(BootEnv.DISCOVERY, ipxe.bootEnv());
        assertTrue(ipxe.text().startsWith("#!ipxe\n"), ipxe.text());
        assertTrue(ipxe.text().contains("chain --replace --autofree http://10.0.0.1:8080/boot/register?mac=${netX/mac}"
                + "&uuid=${uuid}&arch=${buildarch}&serial=${serial:uristring}&manufacturer=${manufacturer:uristring}"),
                ipxe.text());
        assertTrue(ipxe.text().contains("goto register"), "retries when registration fails");
    }

    @Test
    void discoveryForPxelinuxAndGrubBootsLocallyWithoutADiscoveryKernel() throws Exception {
        State state = seeded();
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), new BootCounters());

        String pxelinux = scripts.render(MAC, DefaultContent.PXELINUX, "", SERVER).text();
        assertTrue(pxelinux.contains("LOCALBOOT 0"), pxelinux);
        assertFalse(pxelinux.contains("KERNEL"), pxelinux);
        String grub = scripts.render(MAC, DefaultContent.GRUB, "", SERVER).text();
        assertTrue(grub.strip().endsWith("exit"), grub);
        assertFalse(grub.contains("linux"), grub);
    }

    @Test
    void discoveryForPxelinuxAndGrubBootsTheDiscoveryKernelWhenConfigured() throws Exception {
        State state = seeded();
        state.apply(new Command.PutParam("discovery-kernel", "discovery/vmlinuz"));
        state.apply(new Command.PutParam("discovery-initrd", "discovery/initrd.img"));
        state.apply(new Command.PutParam("discovery-args", "console=ttyS0"));
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), new BootCounters());

        String pxelinux = scripts.render(MAC, DefaultContent.PXELINUX, "", SERVER).text();
        assertTrue(pxelinux.contains("KERNEL discovery/vmlinuz"), pxelinux);
        assertTrue(pxelinux.contains("INITRD discovery/initrd.img"), pxelinux);
        assertTrue(pxelinux.contains("APPEND console=ttyS0 pharos.server=http://10.0.0.1:8080 pharos.mac=52:54:00:12:34:56"),
                pxelinux);
        assertFalse(pxelinux.contains("LOCALBOOT"), pxelinux);

        String grub = scripts.render(MAC, DefaultContent.GRUB, "", SERVER).text();
        assertTrue(grub.contains("linux /discovery/vmlinuz console=ttyS0 pharos.server=http://10.0.0.1:8080"), grub);
        assertTrue(grub.contains("initrd /discovery/initrd.img"), grub);
    }

    @Test
    void aKnownMachineInLocalBootsFromDiskWithEveryLoader() throws Exception {
        State state = seeded();
        assertTrue(state.apply(new Command.PutMachine(machine(BootEnv.LOCAL, Map.of()))).isOk());
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), new BootCounters());

        BootScripts.Rendered ipxe = scripts.render(MAC, DefaultContent.IPXE, "", SERVER);
        assertEquals(BootEnv.LOCAL, ipxe.bootEnv());
        assertTrue(ipxe.machine().isPresent());
        assertTrue(ipxe.text().startsWith("#!ipxe\n"));
        assertTrue(ipxe.text().contains("\nexit\n"), ipxe.text());
        assertTrue(ipxe.text().contains("52:54:00:12:34:56"), ipxe.text());
        assertTrue(scripts.render(MAC, DefaultContent.PXELINUX, "", SERVER).text().contains("LOCALBOOT 0"));
        assertTrue(scripts.render(MAC, DefaultContent.GRUB, "", SERVER).text().contains("exit"));
    }

    @Test
    void aKnownMachineWithoutABootEnvironmentGetsTheDefaultOne() throws Exception {
        State state = seeded();
        assertTrue(state.apply(new Command.PutMachine(machine(null, Map.of()))).isOk());
        BootScripts scripts = new BootScripts(state, new TemplateRenderer(state), new BootCounters());
        assertEquals(BootEnv.LOCAL, scripts.render(MAC, DefaultContent.IPXE, "", SERVER).bootEnv());
    }
}
