package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Command lines to the HTTP requests they build: method, URL, headers and JSON body. */
class CommandRequestsTest {
    private static final String API = "http://127.0.0.1:8080/api/v1";

    private static JsonNode json(String text) throws IOException {
        return CliJson.MAPPER.readTree(text);
    }

    @Test
    void subnetCreateSendsEveryFlagAsTheApiJsonForm() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun run = CliRun.run(transport, "--token", "abc.def", "subnets", "create", "lab", "--cidr", "10.0.0.0/24",
                "--range", "10.0.0.100-10.0.0.200", "--lease-time", "1h", "--option", "router=10.0.0.1",
                "--option", "dns=10.0.0.53", "--next-server", "10.0.0.1");

        assertEquals(0, run.exitCode(), run.err());
        RecordingTransport.Sent sent = transport.only();
        assertEquals("POST", sent.method());
        assertEquals(API + "/subnets", sent.uri());
        assertEquals("Bearer abc.def", sent.header("Authorization"));
        assertEquals("application/json", sent.header("Content-Type"));
        assertEquals(json("""
                {"name":"lab","cidr":"10.0.0.0/24","ranges":["10.0.0.100-10.0.0.200"],"leaseSeconds":3600,
                 "options":{"router":"10.0.0.1","dns":"10.0.0.53"},"nextServer":"10.0.0.1"}"""), json(sent.bodyText()));
        assertEquals("created subnet lab\n", run.out());
    }

    @Test
    void subnetCreateWithoutRangesOrLeaseTimeSendsEmptyCollectionsAndAnHour() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun.run(transport, "subnets", "create", "lab", "--cidr", "10.0.0.0/24");

        assertEquals(json("""
                {"name":"lab","cidr":"10.0.0.0/24","ranges":[],"leaseSeconds":3600,"options":{}}"""),
                json(transport.only().bodyText()));
        assertNull(transport.only().header("Authorization"), "no token given, none sent");
    }

    @Test
    void updateReadsTheCurrentItemChangesOnlyTheFlagsAndKeepsUnknownFields() throws IOException {
        RecordingTransport transport = new RecordingTransport()
                .answer(200, """
                        {"cidr":"10.0.0.0/24","leaseSeconds":3600,"name":"lab","nextServer":"10.0.0.1",
                         "options":{"dns":"10.0.0.53","router":"10.0.0.1"},"ranges":["10.0.0.100-10.0.0.200"],
                         "futureField":{"kept":true}}""")
                .answer(200, "");
        CliRun run = CliRun.run(transport, "subnets", "update", "lab", "--lease-time", "30m",
                "--unset-option", "dns", "--option", "domain=lab.example", "--next-server", "");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, transport.sent.size());
        assertEquals("GET", transport.sent.get(0).method());
        assertEquals(API + "/subnets/lab", transport.sent.get(0).uri());
        RecordingTransport.Sent put = transport.sent.get(1);
        assertEquals("PUT", put.method());
        assertEquals(API + "/subnets/lab", put.uri());
        assertEquals(json("""
                {"cidr":"10.0.0.0/24","leaseSeconds":1800,"name":"lab",
                 "options":{"router":"10.0.0.1","domain":"lab.example"},"ranges":["10.0.0.100-10.0.0.200"],
                 "futureField":{"kept":true}}"""), json(put.bodyText()));
    }

    @Test
    void fromFileIsTheBaseAndFlagsOverrideIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("subnet.json");
        java.nio.file.Files.writeString(file, """
                {"name":"lab","cidr":"10.0.0.0/24","ranges":["10.0.0.10-10.0.0.20"],"leaseSeconds":600,"options":{}}""");
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun.run(transport, "subnets", "create", "--from-file", file.toString(), "--lease-time", "2h");

        assertEquals(json("""
                {"name":"lab","cidr":"10.0.0.0/24","ranges":["10.0.0.10-10.0.0.20"],"leaseSeconds":7200,"options":{}}"""),
                json(transport.only().bodyText()));
    }

    @Test
    void machineCreateTakesRepeatedMacsAndParams() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun.run(transport, "machines", "create", "--name", "m1", "--mac", "52:54:00:12:34:56",
                "--mac", "52:54:00:12:34:57", "--bootenv", "local", "--param", "k=v", "--param", "disk=/dev/sda",
                "--address", "10.0.0.50");

        assertEquals(json("""
                {"name":"m1","macs":["52:54:00:12:34:56","52:54:00:12:34:57"],"bootEnv":"local",
                 "params":{"k":"v","disk":"/dev/sda"},"address":"10.0.0.50"}"""), json(transport.only().bodyText()));
    }

    @Test
    void machineUpdateByNameWritesBackUnderItsId() throws IOException {
        RecordingTransport transport = new RecordingTransport()
                .answer(200, """
                        {"id":"0b5e2f4e-8a3c-4e55-9a43-1f8d3f1b2c3d","name":"m1","macs":["52:54:00:12:34:56"],
                         "bootEnv":"local","params":{"k":"v"}}""")
                .answer(200, "");
        CliRun.run(transport, "machines", "update", "m1", "--name", "m2", "--unset-param", "k");

        assertEquals(API + "/machines/m1", transport.sent.get(0).uri());
        assertEquals(API + "/machines/0b5e2f4e-8a3c-4e55-9a43-1f8d3f1b2c3d", transport.sent.get(1).uri());
        assertEquals(json("""
                {"id":"0b5e2f4e-8a3c-4e55-9a43-1f8d3f1b2c3d","name":"m2","macs":["52:54:00:12:34:56"],
                 "bootEnv":"local","params":{}}"""), json(transport.sent.get(1).bodyText()));
    }

    @Test
    void reservationCreateAndMacInPathStaysReadable() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "").answer(204, "");
        CliRun.run(transport, "reservations", "create", "--mac", "52:54:00:12:34:56", "--address", "10.0.0.60",
                "--hostname", "web1");
        CliRun.run(transport, "reservations", "delete", "52:54:00:12:34:56");

        assertEquals(json("""
                {"mac":"52:54:00:12:34:56","address":"10.0.0.60","hostname":"web1","options":{}}"""),
                json(transport.sent.get(0).bodyText()));
        assertEquals("DELETE", transport.sent.get(1).method());
        assertEquals(API + "/reservations/52:54:00:12:34:56", transport.sent.get(1).uri());
    }

    @Test
    void bootEnvCreateMapsFlagsToFields() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun.run(transport, "bootenvs", "create", "ubuntu", "--kernel", "ubuntu/linux", "--initrd", "ubuntu/initrd",
                "--args", "console=ttyS0 quiet", "--template", "ipxe=ubuntu-ipxe", "--needs-file", "ubuntu/linux");

        assertEquals(json("""
                {"name":"ubuntu","description":"","kernel":"ubuntu/linux","initrds":["ubuntu/initrd"],
                 "kernelArgs":"console=ttyS0 quiet","templates":{"ipxe":"ubuntu-ipxe"},"files":["ubuntu/linux"]}"""),
                json(transport.only().bodyText()));
    }

    @Test
    void templateBodyComesFromStdin() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, "");
        CliRun.run(transport, Map.of(), "#!ipxe\nchain {{ url }}\n", "templates", "create", "t1", "--file", "-");

        assertEquals(json("""
                {"name":"t1","body":"#!ipxe\\nchain {{ url }}\\n"}"""), json(transport.only().bodyText()));
    }

    @Test
    void paramSetPutsTheValueAndGetPrintsItBare() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(200, "").answer(200, "{\"name\":\"ntp\",\"value\":\"10.0.0.1\"}");
        CliRun.run(transport, "params", "set", "ntp", "10.0.0.1");
        CliRun get = CliRun.run(transport, "params", "get", "ntp");

        assertEquals("PUT", transport.sent.get(0).method());
        assertEquals(API + "/params/ntp", transport.sent.get(0).uri());
        assertEquals(json("{\"value\":\"10.0.0.1\"}"), json(transport.sent.get(0).bodyText()));
        assertEquals("10.0.0.1\n", get.out());
    }

    @Test
    void leasesListEncodesTheSubnetQuery() {
        RecordingTransport transport = new RecordingTransport().answer(200, "[]");
        CliRun.run(transport, "leases", "list", "--subnet", "lab 2&x");

        assertEquals(API + "/leases?subnet=lab+2%26x", transport.only().uri());
    }

    @Test
    void namesWithSlashesOrSpacesStayOneSegment() {
        RecordingTransport transport = new RecordingTransport().answer(200, "{}");
        CliRun.run(transport, "bootenvs", "show", "a/b c");

        assertEquals(API + "/bootenvs/a%2Fb%20c", transport.only().uri());
    }

    @Test
    void preferencesSetChangesOnlyWhatIsGiven() throws IOException {
        RecordingTransport transport = new RecordingTransport()
                .answer(200, "{\"defaultBootEnv\":\"local\",\"unknownBootEnv\":\"discovery\"}").answer(200, "");
        CliRun.run(transport, "preferences", "set", "--default-bootenv", "ubuntu");

        assertEquals("PUT", transport.sent.get(1).method());
        assertEquals(API + "/preferences", transport.sent.get(1).uri());
        assertEquals(json("{\"defaultBootEnv\":\"ubuntu\",\"unknownBootEnv\":\"discovery\"}"),
                json(transport.sent.get(1).bodyText()));
    }

    @Test
    void tokenCreatePrintsOnlyTheTokenTextOnStdout() throws IOException {
        RecordingTransport transport = new RecordingTransport().answer(201, """
                {"createdAt":1,"id":"0123abcd","name":"ci","role":"reader","token":"0123abcd.s3cr3t"}""");
        CliRun run = CliRun.run(transport, "tokens", "create", "ci", "--role", "reader");

        assertEquals(json("{\"name\":\"ci\",\"role\":\"reader\"}"), json(transport.only().bodyText()));
        assertEquals("0123abcd.s3cr3t\n", run.out());
        assertTrue(run.err().contains("created reader token 0123abcd (ci)"), run.err());
    }

    @Test
    void environmentGivesEndpointAndTokenAndFlagsOverrideIt() {
        Map<String, String> env = Map.of("PHAROS_ENDPOINT", "http://10.9.8.7:9000/", "PHAROS_TOKEN", "env.token");
        RecordingTransport transport = new RecordingTransport().answer(200, "[]").answer(200, "[]");
        CliRun.run(transport, env, "", "subnets", "list");
        CliRun.run(transport, env, "", "subnets", "list", "--endpoint", "https://pharos.example/p", "--token", "flag.token");

        assertEquals("http://10.9.8.7:9000/api/v1/subnets", transport.sent.get(0).uri());
        assertEquals("Bearer env.token", transport.sent.get(0).header("Authorization"));
        assertEquals("https://pharos.example/p/api/v1/subnets", transport.sent.get(1).uri());
        assertEquals("Bearer flag.token", transport.sent.get(1).header("Authorization"));
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        RecordingTransport transport = new RecordingTransport().answer(200, "[]").answer(200, "[]");
        CliRun before = CliRun.run(transport, "-o", "json", "--endpoint", "http://127.0.0.2:1", "subnets", "list");
        CliRun after = CliRun.run(transport, "subnets", "list", "--endpoint", "http://127.0.0.2:1", "-o", "json");

        assertEquals("http://127.0.0.2:1/api/v1/subnets", transport.sent.get(0).uri());
        assertEquals("http://127.0.0.2:1/api/v1/subnets", transport.sent.get(1).uri());
        assertEquals("[ ]\n", before.out());
        assertEquals(before.out(), after.out());
    }

    @Test
    void deleteOfEveryCollectionUsesDelete() {
        String[][] lines = {{"subnets", "delete", "lab"}, {"machines", "delete", "m1"}, {"bootenvs", "delete", "b"},
                {"templates", "delete", "t"}, {"params", "delete", "p"}, {"tokens", "delete", "id1"},
                {"leases", "delete", "10.0.0.7"}, {"files", "delete", "/x/y.bin"}};
        String[] paths = {"/subnets/lab", "/machines/m1", "/bootenvs/b", "/templates/t", "/params/p", "/tokens/id1",
                "/leases/10.0.0.7", "/files/x/y.bin"};
        for (int i = 0; i < lines.length; i++) {
            RecordingTransport transport = new RecordingTransport().answer(204, "");
            CliRun run = CliRun.run(transport, lines[i]);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("DELETE", transport.only().method());
            assertEquals(API + paths[i], transport.only().uri());
        }
    }
}
