package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.state.StateSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BootEnvsTemplatesApiTest {
    private final ApiFixture api = new ApiFixture();

    BootEnvsTemplatesApiTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void templateAndBootEnvRoundTrip() {
        assertEquals(201, api.post("/api/v1/templates",
                "{\"name\":\"ubuntu-ipxe\",\"body\":\"#!ipxe\\nkernel {{ kernel }}\\nboot\\n\"}").statusCode());
        assertEquals("#!ipxe\nkernel {{ kernel }}\nboot\n", api.state.template("ubuntu-ipxe").orElseThrow().body());
        assertEquals(201, api.post("/api/v1/bootenvs", """
                {"name":"ubuntu","kernel":"ubuntu/vmlinuz","initrds":["ubuntu/initrd"],"kernelArgs":"quiet",
                 "templates":{"ipxe":"ubuntu-ipxe"},"files":["ubuntu/vmlinuz","ubuntu/initrd"]}""").statusCode());
        assertEquals("ubuntu/vmlinuz", ApiFixture.json(api.get("/api/v1/bootenvs/ubuntu")).get("kernel").asText());
        assertEquals(200, api.put("/api/v1/templates/ubuntu-ipxe", "{\"body\":\"#!ipxe\\nexit\\n\"}").statusCode());
        assertEquals("#!ipxe\nexit\n", ApiFixture.json(api.get("/api/v1/templates/ubuntu-ipxe")).get("body").asText());
        assertEquals(200, api.put("/api/v1/bootenvs/ubuntu", "{\"kernelArgs\":\"console=ttyS0\"}").statusCode());
        assertEquals("console=ttyS0", api.state.bootEnv("ubuntu").orElseThrow().kernelArgs());
        assertEquals(3, ApiFixture.json(api.get("/api/v1/bootenvs")).size());
        assertEquals(3, ApiFixture.json(api.get("/api/v1/templates")).size());
        assertEquals(204, api.delete("/api/v1/bootenvs/ubuntu").statusCode());
        assertEquals(204, api.delete("/api/v1/templates/ubuntu-ipxe").statusCode());
        assertTrue(api.state.template("ubuntu-ipxe").isEmpty());
    }

    @Test
    void aTemplateThatDoesNotCompileIs422NamingTheLine() {
        String message = ApiFixture.error(api.post("/api/v1/templates",
                "{\"name\":\"broken\",\"body\":\"#!ipxe\\n{% if x %}\\nno end\\n\"}"), 422);
        assertTrue(message.startsWith("body: template line"), message);
        assertTrue(api.state.template("broken").isEmpty());
    }

    @Test
    void bootEnvFieldsAreChecked() {
        String message = ApiFixture.error(api.post("/api/v1/bootenvs", """
                {"name":"x","kernel":"/etc/passwd","initrds":["a/../../b"],"templates":{"ipxe":"missing","uboot":"local-ipxe"}}"""), 422);
        assertTrue(message.contains("templates.ipxe: template 'missing' does not exist"), message);
        assertTrue(message.contains("templates.uboot: is not a boot loader; use one of [grub, ipxe, pxelinux]"), message);
        assertTrue(message.contains("kernel: '/etc/passwd': the file path must be relative"), message);
        assertTrue(message.contains("initrds[0]: 'a/../../b': the file path contains '..'"), message);
    }

    @Test
    void deletingWhatIsInUseIsRefusedByApplyAndChangesNothing() {
        StateSnapshot before = api.state.snapshot();
        String env = ApiFixture.error(api.delete("/api/v1/bootenvs/local"), 409);
        assertTrue(env.contains("named in the preferences"), env);
        String template = ApiFixture.error(api.delete("/api/v1/templates/local-ipxe"), 409);
        assertTrue(template.contains("used by boot environment 'local'"), template);
        assertEquals(before, api.state.snapshot());
        assertEquals(2, api.log.submitted().size(), "both reached the log and were refused there");
    }
}
