package io.pharos.protocols.dhcp.policy;

import static io.pharos.protocols.dhcp.policy.Requests.*;
import static org.junit.jupiter.api.Assertions.*;

import io.pharos.core.net.Ipv4;
import io.pharos.core.state.State;
import io.pharos.protocols.dhcp.DhcpMessage;
import io.pharos.protocols.dhcp.DhcpOption;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The boot file each kind of network-booting client is offered, through the whole policy. */
class BootChoiceTest {
    private final State state = stateWith(lab(), remote());
    private final DhcpPolicy policy = new DhcpPolicy(state, DhcpPolicySettings.DEFAULTS.withHttpPort(8081));

    private DhcpMessage offerFor(DhcpOption... options) {
        return ((Decision.Reply) policy.decide(inbound(discover(mac(1), options)), NOW)).reply();
    }

    private static DhcpOption vendor(String text) {
        return DhcpOption.text(DhcpOption.VENDOR_CLASS, text);
    }

    private static DhcpOption arch(int arch) {
        return DhcpOption.u16(DhcpOption.CLIENT_ARCH, arch);
    }

    private static Optional<String> vendorOf(DhcpMessage reply) {
        return reply.option(DhcpOption.VENDOR_CLASS).map(DhcpOption::asText);
    }

    @Test
    void legacyBiosPxeGetsUndionlyFromTheNextServer() {
        DhcpMessage offer = offerFor(vendor("PXEClient:Arch:00000:UNDI:002001"), arch(0));
        assertEquals("undionly.kpxe", offer.file());
        assertEquals(SERVER, offer.siaddr());
        assertEquals(Optional.of("PXEClient"), vendorOf(offer));
    }

    @Test
    void aPxeClientIsToldToUseTheBootFileRatherThanLookForABootServer() {
        DhcpMessage offer = offerFor(vendor("PXEClient:Arch:00007:UNDI:003016"), arch(7));
        byte[] pxeOptions = offer.option(DhcpOption.VENDOR_ENCAPSULATED).orElseThrow().data();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {6, 1, 8, (byte) 0xff}, pxeOptions);
        DhcpMessage http = offerFor(vendor("HTTPClient:Arch:00016:UNDI:003001"), arch(16));
        assertEquals(Optional.empty(), http.option(DhcpOption.VENDOR_ENCAPSULATED), "only PXE clients discover servers");
    }

    @Test
    void aPxeClientWithoutArchitectureIsTreatedAsBios() {
        assertEquals("undionly.kpxe", offerFor(vendor("PXEClient")).file());
    }

    @Test
    void uefiX64AndArm64GetTheirIpxeBuilds() {
        assertEquals("ipxe.efi", offerFor(vendor("PXEClient:Arch:00007:UNDI:003016"), arch(7)).file());
        assertEquals("ipxe.efi", offerFor(vendor("PXEClient:Arch:00009:UNDI:003016"), arch(9)).file());
        assertEquals("ipxe-arm64.efi", offerFor(vendor("PXEClient:Arch:00011:UNDI:003016"), arch(11)).file());
    }

    @Test
    void uefiHttpBootGetsAUrlAndTheHttpClientVendorClass() {
        DhcpMessage offer = offerFor(vendor("HTTPClient:Arch:00016:UNDI:003001"), arch(16));
        assertEquals("http://10.0.0.2:8081/boot/files/ipxe.efi", offer.file());
        assertEquals(Optional.of("HTTPClient"), vendorOf(offer));
    }

    @Test
    void ipxeChainsToItsPerMachineScriptByUserClassOrOption175() {
        String script = "http://10.0.0.2:8081/boot/ipxe/" + mac(1);
        DhcpOption userClass = new DhcpOption(DhcpOption.USER_CLASS, "iPXE".getBytes(StandardCharsets.US_ASCII));
        assertEquals(script, offerFor(vendor("PXEClient:Arch:00000:UNDI:002001"), arch(0), userClass).file());
        assertEquals(script, offerFor(arch(7), new DhcpOption(DhcpOption.IPXE_ENCAPSULATED, new byte[] {(byte) 0xb1, 1, 1})).file());
    }

    @Test
    void bootFileNameOptionIsAddedWhenTheClientAsksForIt() {
        DhcpMessage offer = offerFor(vendor("PXEClient"), arch(7),
                new DhcpOption(DhcpOption.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 66, 67}));
        assertEquals("ipxe.efi", offer.option(DhcpOption.BOOTFILE_NAME).orElseThrow().asText());
    }

    @Test
    void theSubnetsNextServerIsAnnouncedInSiaddr() {
        DhcpMessage relayed = relayed(discover(mac(1), vendor("PXEClient"), arch(0)), Ipv4.parse("192.168.5.1"));
        DhcpMessage offer = ((Decision.Reply) policy.decide(inbound(relayed), NOW)).reply();
        assertEquals(Ipv4.parse("192.168.5.3"), offer.siaddr());
        assertEquals("undionly.kpxe", offer.file());
    }

    @Test
    void anOrdinaryClientGetsNoBootInformation() {
        DhcpMessage offer = offerFor(vendor("MSFT 5.0"));
        assertEquals("", offer.file());
        assertEquals(Ipv4.ANY, offer.siaddr());
        assertEquals(Optional.empty(), vendorOf(offer));
    }

    @Test
    void anUnknownArchitectureGetsNoBootFile() {
        assertEquals("", offerFor(vendor("PXEClient:Arch:00010:UNDI:003016"), arch(10)).file());
    }
}
