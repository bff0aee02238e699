package io.pharos.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.net.Cidr;
import io.pharos.core.state.State;
import io.pharos.core.state.StateSnapshot;
import io.pharos.node.ha.HaTiming;
import io.pharos.node.raft.RaftSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SubnetsApiTest {
    private static final String LAB = """
            {"name":"lab","cidr":"10.0.0.0/24","ranges":["10.0.0.100-10.0.0.200"],"leaseSeconds":3600,
             "options":{"router":"10.0.0.1","dns":"10.0.0.2"}}""";

    private final ApiFixture api = new ApiFixture();

    SubnetsApiTest() throws Exception {}

    private final Logger logger = (Logger) LoggerFactory.getLogger(SubnetsApi.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @AfterEach
    void stop() {
        logger.detachAppender(events);
        api.close();
    }

    @Test
    void createReadReplaceListDelete() {
        HttpResponse<String> created = api.post("/api/v1/subnets", LAB);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/api/v1/subnets/lab", created.headers().firstValue("Location").orElseThrow());
        assertEquals(Cidr.parse("10.0.0.0/24"), api.state.subnet("lab").orElseThrow().cidr());

        JsonNode got = ApiFixture.json(api.get("/api/v1/subnets/lab"));
        assertEquals("10.0.0.0/24", got.get("cidr").asText());
        assertEquals("10.0.0.100-10.0.0.200", got.get("ranges").get(0).asText());
        assertEquals("10.0.0.1", got.get("options").get("router").asText());

        HttpResponse<String> replaced = api.put("/api/v1/subnets/lab",
                "{\"cidr\":\"10.0.0.0/24\",\"ranges\":[\"10.0.0.10-10.0.0.20\"],\"leaseSeconds\":600}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals(600, api.state.subnet("lab").orElseThrow().leaseSeconds());

        JsonNode list = ApiFixture.json(api.get("/api/v1/subnets"));
        assertEquals(1, list.size());
        assertEquals("lab", list.get(0).get("name").asText());

        assertEquals(204, api.delete("/api/v1/subnets/lab").statusCode());
        assertTrue(api.state.subnet("lab").isEmpty());
        ApiFixture.error(api.get("/api/v1/subnets/lab"), 404);
        ApiFixture.error(api.delete("/api/v1/subnets/lab"), 404);
    }

    @Test
    void leaseTimeDefaultsToAnHour() {
        assertEquals(201, api.post("/api/v1/subnets", "{\"name\":\"a\",\"cidr\":\"10.1.0.0/16\"}").statusCode());
        assertEquals(SubnetsApi.DEFAULT_LEASE_SECONDS, api.state.subnet("a").orElseThrow().leaseSeconds());
    }

    @Test
    void everyProblemIsListedWithItsFieldAndNothingIsProposed() {
        String message = ApiFixture.error(api.post("/api/v1/subnets", """
                {"name":"Lab!","cidr":"10.0.0.0/24","leaseSeconds":30,
                 "ranges":["10.0.1.1-10.0.1.5","10.0.0.0-10.0.0.10","10.0.0.5-10.0.0.20"],
                 "options":{"router":"not-an-ip","bogus-option":"x","message-type":"1"}}"""), 422);
        assertTrue(message.contains("name: 'Lab!' is not a valid name"), message);
        assertTrue(message.contains("leaseSeconds: 30 is too short; use at least 60"), message);
        assertTrue(message.contains("ranges[0]: 10.0.1.1-10.0.1.5 is not inside 10.0.0.0/24"), message);
        assertTrue(message.contains("ranges[1]: 10.0.0.0-10.0.0.10 includes the network address"), message);
        assertTrue(message.contains("ranges[2]: 10.0.0.5-10.0.0.20 overlaps ranges[1]"), message);
        assertTrue(message.contains("options.router: option router (3) expects IPv4 addresses"), message);
        assertTrue(message.contains("options.bogus-option: unknown DHCP option"), message);
        assertTrue(message.contains("options.message-type:"), message);
        assertTrue(api.log.submitted().isEmpty());
    }

    @Test
    void malformedFieldsAre400NamingTheField() {
        String message = ApiFixture.error(api.post("/api/v1/subnets",
                "{\"name\":\"lab\",\"cidr\":\"10.0.0.1/24\",\"ranges\":[\"10.0.0.9-10.0.0.1\"],\"leaseSeconds\":\"soon\",\"cdir\":1}"), 400);
        assertTrue(message.contains("cidr: 10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?"), message);
        assertTrue(message.contains("ranges[0]: range 10.0.0.9-10.0.0.1 ends before it starts"), message);
        assertTrue(message.contains("leaseSeconds: expected a whole number"), message);
        assertTrue(message.contains("cdir: is not a field of subnet; known fields: name, cidr"), message);

        String nulls = ApiFixture.error(api.post("/api/v1/subnets",
                "{\"name\":\"lab\",\"cidr\":\"10.0.0.0/24\",\"ranges\":[null],\"options\":{\"router\":null}}"), 400);
        assertTrue(nulls.contains("ranges[0]: is null") && nulls.contains("options.router: is null"), nulls);

        String notJson = ApiFixture.error(api.post("/api/v1/subnets", "{\"name\":"), 400);
        assertTrue(notJson.contains("not valid JSON"), notJson);
        String notObject = ApiFixture.error(api.post("/api/v1/subnets", "[1,2]"), 400);
        assertTrue(notObject.contains("must be a JSON object"), notObject);
        assertTrue(api.log.submitted().isEmpty());
    }

    @Test
    void overlappingSubnetIs409AndChangesNothing() {
        assertEquals(201, api.post("/api/v1/subnets", LAB).statusCode());
        StateSnapshot before = api.state.snapshot();
        String message = ApiFixture.error(api.post("/api/v1/subnets",
                "{\"name\":\"other\",\"cidr\":\"10.0.0.128/25\"}"), 409);
        assertTrue(message.contains("overlaps subnet 'lab' (10.0.0.0/24)"), message);
        assertEquals(before, api.state.snapshot());
    }

    @Test
    void createOverExistingIs409AndPutPathMustMatchBody() {
        assertEquals(201, api.post("/api/v1/subnets", LAB).statusCode());
        assertTrue(ApiFixture.error(api.post("/api/v1/subnets", LAB), 409).contains("already exists; change it with PUT"));
        String message = ApiFixture.error(api.put("/api/v1/subnets/other", LAB), 422);
        assertTrue(message.contains("name: the body says \"lab\" but the path says 'other'"), message);
    }

    @Test
    void safeLeaseTimeFollowsTheFailoverTiming() {
        assertEquals(Duration.ofMillis(1200), SubnetValidator.failoverWindow(HaTiming.DEFAULT, RaftSettings.Timing.DEFAULT));
        assertEquals(509, SubnetValidator.SAFE_LEASE_SECONDS);
        assertTrue(SubnetValidator.SAFE_LEASE_SECONDS > SubnetValidator.MIN_LEASE_SECONDS);
        RaftSettings.Timing slow = new RaftSettings.Timing(Duration.ofSeconds(3), Duration.ofSeconds(6),
                Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
        // 6 s + 0.35 s + 0.25 s = 6.6 s; 8 × (60 s + 3 × 6.6 s) = 638.4 s
        assertEquals(639, SubnetValidator.safeLeaseSeconds(HaTiming.DEFAULT, slow));
    }

    @Test
    void leaseShorterThanFailoverSafeIsStoredWithAWarningAndALogEvent() {
        events.start();
        logger.addAppender(events);
        HttpResponse<String> created = api.post("/api/v1/subnets",
                "{\"name\":\"short\",\"cidr\":\"10.2.0.0/24\",\"leaseSeconds\":300}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(300, api.state.subnet("short").orElseThrow().leaseSeconds());
        JsonNode body = ApiFixture.json(created);
        assertEquals("10.2.0.0/24", body.get("cidr").asText());
        String warning = body.get("warnings").get(0).asText();
        assertTrue(warning.startsWith("lease time 300 s is shorter than") && warning.endsWith("use at least 509 s"), warning);
        assertTrue(events.list.stream().anyMatch(e -> e.getFormattedMessage().equals(
                "DHCP_LEASE_TIME_UNSAFE subnet 'short': " + warning)), events.list.toString());

        JsonNode replaced = ApiFixture.json(api.put("/api/v1/subnets/short", "{\"cidr\":\"10.2.0.0/24\",\"leaseSeconds\":508}"));
        assertTrue(replaced.get("warnings").get(0).asText().startsWith("lease time 508 s"), replaced.toString());
        JsonNode safe = ApiFixture.json(api.put("/api/v1/subnets/short", "{\"cidr\":\"10.2.0.0/24\",\"leaseSeconds\":509}"));
        assertTrue(safe.get("warnings") == null, safe.toString());
        assertTrue(ApiFixture.json(api.get("/api/v1/subnets/short")).get("warnings") == null);
    }

    /** Subnets stored before (or replicated from another node) are checked again when a node starts serving DHCP. */
    @Test
    void storedSubnetsWithUnsafeLeaseTimesAreNamedWhenDhcpStarts() {
        logger.addAppender(events);
        events.start();
        State state = new State();
        state.apply(new Command.PutSubnet(new Subnet("short", Cidr.parse("10.3.0.0/24"), List.of(), 300, Map.of(), null)));
        state.apply(new Command.PutSubnet(new Subnet("long", Cidr.parse("10.4.0.0/24"), List.of(), 3600, Map.of(), null)));

        LeaseTimeWarnings.log(state);

        List<String> messages = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("DHCP_LEASE_TIME_UNSAFE subnet 'short': lease time 300 s")
                && messages.get(0).endsWith("use at least 509 s"), messages.get(0));
    }
}
