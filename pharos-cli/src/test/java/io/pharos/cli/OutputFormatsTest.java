package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The same answer as a table for people, as the API's JSON for scripts, and as YAML. */
class OutputFormatsTest {
    private static final String SUBNETS = """
            [{"cidr":"10.0.0.0/24","leaseSeconds":3600,"name":"lab","nextServer":"10.0.0.1",
              "options":{"dns":"10.0.0.53","router":"10.0.0.1"},"ranges":["10.0.0.100-10.0.0.200"]},
             {"cidr":"192.168.100.0/22","leaseSeconds":86400,"name":"storage-net",
              "options":{},"ranges":["192.168.100.10-192.168.100.20","192.168.101.10-192.168.101.20"]}]""";

    private static String list(String format, String body, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "-o";
        args[1] = format;
        System.arraycopy(command, 0, args, 2, command.length);
        CliRun run = CliRun.run(new RecordingTransport().answer(200, body), args);
        assertEquals(0, run.exitCode(), run.err());
        return run.out();
    }

    @Test
    void subnetsTableHasAlignedColumns() {
        assertEquals("""
                NAME         CIDR              RANGES                                                        LEASE  NEXT-SERVER  OPTIONS
                lab          10.0.0.0/24       10.0.0.100-10.0.0.200                                         1h     10.0.0.1     dns=10.0.0.53, router=10.0.0.1
                storage-net  192.168.100.0/22  192.168.100.10-192.168.100.20, 192.168.101.10-192.168.101.20  1d
                """, list("table", SUBNETS, "subnets", "list"));
    }

    @Test
    void jsonIsTheApiAnswerPrettyPrintedAndParsesBackEqual() throws IOException {
        String out = list("json", SUBNETS, "subnets", "list");
        JsonNode parsed = CliJson.MAPPER.readTree(out);
        assertEquals(CliJson.MAPPER.readTree(SUBNETS), parsed);
        assertEquals(true, out.contains("\n  \"cidr\" : \"10.0.0.0/24\",\n"), "pretty: one field per line");
    }

    @Test
    void yamlOfASubnet() {
        assertEquals("""
                cidr: "10.0.0.0/24"
                leaseSeconds: 3600
                name: lab
                options:
                  router: "10.0.0.1"
                ranges:
                  - "10.0.0.100-10.0.0.200"
                nextServer: null
                """, list("yaml", """
                {"cidr":"10.0.0.0/24","leaseSeconds":3600,"name":"lab","options":{"router":"10.0.0.1"},
                 "ranges":["10.0.0.100-10.0.0.200"],"nextServer":null}""", "subnets", "show", "lab"));
    }

    @Test
    void leaseTableShowsExpiryRelativeToNow() {
        long now = CliRun.NOW.toEpochMilli();
        String leases = "[{\"address\":\"10.0.0.101\",\"mac\":\"52:54:00:00:00:01\",\"clientId\":\"x\",\"hostname\":\"web1\","
                + "\"subnet\":\"lab\",\"startsAt\":" + (now - 60_000) + ",\"expiresAt\":" + (now + 3_599_000)
                + ",\"state\":\"BOUND\"},{\"address\":\"10.0.0.102\",\"mac\":\"52:54:00:00:00:02\",\"clientId\":\"y\","
                + "\"subnet\":\"lab\",\"startsAt\":" + (now - 7_200_000) + ",\"expiresAt\":" + (now - 5_400_000)
                + ",\"state\":\"RELEASED\"}]";
        assertEquals("""
                ADDRESS     MAC                HOSTNAME  SUBNET  STATE     EXPIRES
                10.0.0.101  52:54:00:00:00:01  web1      lab     BOUND     in 59m
                10.0.0.102  52:54:00:00:00:02            lab     RELEASED  1h30m ago
                """, list("table", leases, "leases", "list"));
    }

    @Test
    void showPrintsOneFieldPerLineWithTimesInUtc() {
        long now = CliRun.NOW.toEpochMilli();
        String lease = "{\"address\":\"10.0.0.101\",\"expiresAt\":" + (now + 7_260_000) + ",\"mac\":\"52:54:00:00:00:01\","
                + "\"startsAt\":" + now + ",\"state\":\"BOUND\"}";
        assertEquals("""
                address:    10.0.0.101
                expiresAt:  2025-03-01T14:01:00Z (in 2h1m)
                mac:        52:54:00:00:00:01
                startsAt:   2025-03-01T12:00:00Z
                state:      BOUND
                """, list("table", lease, "leases", "show", "10.0.0.101"));
    }

    @Test
    void showPutsNameAndIdFirst() {
        assertEquals("""
                name:     m1
                id:       0b5e2f4e-8a3c-4e55-9a43-1f8d3f1b2c3d
                bootEnv:  local
                macs:     52:54:00:00:00:01, 52:54:00:00:00:02
                params:   disk=/dev/sda
                """, list("table", """
                {"bootEnv":"local","id":"0b5e2f4e-8a3c-4e55-9a43-1f8d3f1b2c3d","macs":["52:54:00:00:00:01","52:54:00:00:00:02"],
                 "name":"m1","params":{"disk":"/dev/sda"}}""", "machines", "show", "m1"));
    }

    @Test
    void paramsListAcceptsAMapAnswer() {
        assertEquals("""
                NAME        VALUE
                ntp-server  10.0.0.1
                proxy       http://proxy:3128
                """, list("table", "{\"ntp-server\":\"10.0.0.1\",\"proxy\":\"http://proxy:3128\"}", "params", "list"));
    }

    @Test
    void templateShowPrintsTheBodyAsIs() {
        assertEquals("#!ipxe\nchain http://x/boot\n",
                list("table", "{\"name\":\"t\",\"body\":\"#!ipxe\\nchain http://x/boot\\n\"}", "templates", "show", "t"));
    }

    @Test
    void statsAreFlattened() {
        assertEquals("""
                dhcp.discover   12
                dhcp.malformed  1
                tftp.transfers  3
                http.requests   40
                """, list("table", """
                {"dhcp":{"discover":12,"malformed":1},"tftp":{"transfers":3},"http":{"requests":40}}""", "stats"));
    }

    @Test
    void writesSayWhatWasDoneInTablesAndPassTheAnswerInJson() {
        assertEquals("deleted subnet lab\n", list("table", "", "subnets", "delete", "lab"));
        assertEquals("", list("json", "", "subnets", "delete", "lab"));
        assertEquals("{\n  \"name\" : \"lab\"\n}\n", list("json", "{\"name\":\"lab\"}", "subnets", "create", "lab"));
    }
}
