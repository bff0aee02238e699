package io.pharos.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real virtual machine network-boots from Pharos. BIOS: SeaBIOS runs the NIC's iPXE ROM, which asks DHCP
 * as "iPXE" and chains http://server/boot/ipxe/MAC. UEFI: OVMF's own PXE client gets "ipxe.efi" by TFTP,
 * which then does the same. Either way the unknown machine runs the discovery script, which registers it
 * through /boot/register; that registration, seen in `pharos machines list`, proves the whole chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PxeBootE2E {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(150);
    /** OVMF under TCG sends its first DHCP after ≈ 11 s and fetches ipxe.efi right after (≈ 15 s measured). */
    private static final Duration TFTP_TIMEOUT = Duration.ofSeconds(60);
    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    private static final Path IPXE_EFI = Path.of("/usr/lib/ipxe/ipxe.efi");
    private ServerLan lan;
    private String vm;

    @BeforeAll
    void startServer() throws IOException {
        Requirements.assumeRoot();
        Requirements.assumeBinaries("qemu-system-x86_64");
        lan = ServerLan.start();
        lan.api().cli("subnets", "create", "lan", "--cidr", "10.213.0.0/24", "--range", "10.213.0.100-10.213.0.199",
                "--option", "router=10.213.0.1").orFail();
        if (Files.isRegularFile(IPXE_EFI))
            Files.copy(IPXE_EFI, lan.pharos().bootRoot().resolve("ipxe.efi"), StandardCopyOption.REPLACE_EXISTING);
        // The VM's tap device sits in its own namespace, bridged there to a cable into the lab's switch.
        vm = lan.client("vm", null);
        lan.lab().exec(vm, "ip", "link", "add", "br0", "type", "bridge").orFail();
        lan.lab().exec(vm, "ip", "link", "set", "eth0", "master", "br0").orFail();
        lan.lab().exec(vm, "ip", "tuntap", "add", "dev", "tap0", "mode", "tap").orFail();
        lan.lab().exec(vm, "ip", "link", "set", "tap0", "master", "br0", "up").orFail();
        lan.lab().exec(vm, "ip", "link", "set", "br0", "up").orFail();
    }

    @AfterAll
    void stopServer() {
        if (lan != null) lan.close();
    }

    @Test
    void biosVmBootsThroughIpxeAndRegisters() throws IOException, InterruptedException {
        String mac = "52:54:00:13:00:01";
        Process machine = boot(mac, "", List.of());
        try {
            awaitRegistration(machine, mac);
        } finally {
            Processes.killTree(machine);
        }
    }

    @Test
    void uefiVmBootsThroughTftpIpxeEfiAndRegisters() throws IOException, InterruptedException {
        Requirements.assumeFile(OVMF_CODE, "ovmf");
        Requirements.assumeFile(IPXE_EFI, "ipxe");
        Path vars = lan.lab().workDir().resolve("OVMF_VARS.fd");
        Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
        String mac = "52:54:00:13:00:02";
        // romfile= drops the NIC's iPXE ROM, so OVMF's own PXE client must fetch ipxe.efi by TFTP first.
        Process machine = boot(mac, ",romfile=", List.of(
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
        try {
            // OVMF falls back to UEFI HTTP boot when PXE fails, which registers too: require the TFTP leg first.
            awaitTftpOfIpxeEfi(machine);
            awaitRegistration(machine, mac);
        } finally {
            Processes.killTree(machine);
        }
    }

    private Process boot(String mac, String nicOptions, List<String> firmware) {
        List<String> qemu = new ArrayList<>(List.of("qemu-system-x86_64",
                // TCG: nested KVM fails on some hosts (OVMF hit "KVM internal error" here); TCG always works.
                "-machine", "accel=tcg",
                "-m", "256", "-display", "none", "-monitor", "none", "-serial", "file:" + console(mac),
                "-no-reboot", "-boot", "n",
                "-netdev", "tap,id=net0,ifname=tap0,script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=net0,mac=" + mac + nicOptions));
        qemu.addAll(firmware);
        return lan.lab().start(vm, qemuLog(mac), qemu.toArray(String[]::new));
    }

    private void awaitTftpOfIpxeEfi(Process machine) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TFTP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && machine.isAlive()) {
            if (lan.pharos().readLog().contains("TFTP_TRANSFER_COMPLETED sent 'ipxe.efi'")) return;
            Thread.sleep(1000);
        }
        throw new AssertionError("the firmware's PXE client did not fetch ipxe.efi by TFTP within "
                + TFTP_TIMEOUT.toSeconds() + " s. If the DHCP reply carries option 60 \"PXEClient\" without option 43"
                + " PXE_DISCOVERY_CONTROL=8, EDK2 looks for a PXE boot server on UDP 4011 instead of using the boot"
                + " file. Server events:\n" + events(lan.pharos().readLog()));
    }

    private void awaitRegistration(Process machine, String mac) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        boolean registered = false;
        while (!registered && System.nanoTime() < deadline && machine.isAlive()) {
            Thread.sleep(2000);
            registered = hasMac(lan.api().get("/machines").ok().json(), mac);
        }
        assertTrue(registered, "the VM " + mac + " did not register within " + BOOT_TIMEOUT.toSeconds() + " s"
                + (machine.isAlive() ? "" : " (qemu exited " + machine.exitValue() + ")")
                + "\nqemu: " + Files.readString(qemuLog(mac))
                + "\nserver events:\n" + events(lan.pharos().readLog())
                + "\nconsole (last 3000 chars):\n" + tail(console(mac), 3000));
        assertTrue(hasMac(lan.api().cliJson("machines", "list", "-o", "json"), mac),
                "pharos machines list -o json must show the registered VM " + mac);
    }

    private Path console(String mac) {
        return lan.lab().workDir().resolve("console-" + mac.replace(':', '-') + ".log");
    }

    private Path qemuLog(String mac) {
        return lan.lab().workDir().resolve("qemu-" + mac.replace(':', '-') + ".log");
    }

    private static String events(String log) {
        return String.join("\n", log.lines().filter(l -> l.matches(".*(DHCP|TFTP|BOOT|HTTP)_[A-Z_]+.*")).toList());
    }

    private static String tail(Path file, int chars) throws IOException {
        if (!Files.exists(file)) return "(none)";
        String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.substring(Math.max(0, text.length() - chars));
    }

    private static boolean hasMac(JsonNode machines, String mac) {
        for (JsonNode machine : machines)
            for (JsonNode each : machine.path("macs")) if (each.asText().equalsIgnoreCase(mac)) return true;
        return false;
    }
}
