package io.pharos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading `pharos leases list -o json` (an array of Lease records as the API gives them). */
public final class Leases {
    private Leases() {}

    public static List<JsonNode> list(PharosApi api) {
        JsonNode array = api.cliJson("leases", "list", "-o", "json");
        if (!array.isArray()) throw new AssertionError("pharos leases list -o json did not print an array: " + array);
        List<JsonNode> leases = new ArrayList<>();
        array.forEach(leases::add);
        return leases;
    }

    /**
     * The lease of address once it is in the given state, polling (bounded) because DHCPRELEASE and DHCPDECLINE
     * get no answer: the client cannot wait for the commit, so neither can the test.
     */
    public static JsonNode awaitState(PharosApi api, String address, String state, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JsonNode> lease;
        do {
            lease = byAddress(list(api), address);
            if (lease.isPresent() && state.equals(lease.get().path("state").asText())) return lease.get();
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the lease of " + address + " is not " + state + " within " + timeout.toSeconds()
                + " s: " + lease.map(JsonNode::toString).orElse("no lease at all"));
    }

    public static Optional<JsonNode> byAddress(List<JsonNode> leases, String address) {
        return leases.stream().filter(l -> address.equals(l.path("address").asText())).findFirst();
    }

    public static Optional<JsonNode> byMac(List<JsonNode> leases, String mac) {
        return leases.stream().filter(l -> mac.equalsIgnoreCase(l.path("mac").asText())).findFirst();
    }
}
