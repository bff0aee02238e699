package io.pharos.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.Subnet;
import io.pharos.core.state.State;
import io.pharos.node.codec.PharosJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** /subnets: the networks Pharos hands out addresses in. */
final class SubnetsApi {
    static final long DEFAULT_LEASE_SECONDS = 3600;

    private final State state;
    private final CommandWriter writer;

    SubnetsApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/subnets", r -> Reply.ok(state.subnets()));
        router.add("POST", "/subnets", this::create);
        router.add("GET", "/subnets/{name}", r -> Reply.ok(find(r.path("name"))));
        router.add("PUT", "/subnets/{name}", this::replace);
        router.add("DELETE", "/subnets/{name}", r -> {
            writer.write(new Command.DeleteSubnet(r.path("name")), r.actor());
            return Reply.noContent();
        });
    }

    private Reply create(ApiRequest request) throws IOException {
        Subnet subnet = read(request.bodyObject());
        if (state.subnet(subnet.name()).isPresent())
            throw ApiException.conflict("subnet '" + subnet.name() + "' already exists; change it with PUT /api/v1/subnets/"
                    + subnet.name() + " or choose another name");
        return Reply.created(put(subnet, request), "/api/v1/subnets/" + subnet.name());
    }

    private Reply replace(ApiRequest request) throws IOException {
        ObjectNode body = request.bodyObject();
        Names.matchPath(body, "name", request.path("name"));
        return Reply.ok(put(read(body), request));
    }

    /** The stored subnet as answered: with "warnings" when it was accepted despite a risky choice. */
    private Object put(Subnet subnet, ApiRequest request) {
        SubnetValidator.validate(subnet);
        SubnetValidator.checkNoOverlap(subnet, state);
        writer.write(new Command.PutSubnet(subnet), request.actor());
        List<String> warnings = LeaseTimeWarnings.log(subnet);
        if (warnings.isEmpty()) return subnet;
        ObjectNode answer = PharosJson.mapper().valueToTree(subnet);
        ArrayNode list = answer.putArray("warnings");
        warnings.forEach(list::add);
        return answer;
    }

    private static Subnet read(ObjectNode body) {
        return RecordReader.read(body, Subnet.class, Map.of("leaseSeconds", DEFAULT_LEASE_SECONDS));
    }

    private Subnet find(String name) {
        return state.subnet(name).orElseThrow(() -> ApiException.notFound("subnet '" + name
                + "' does not exist; list subnets with GET /api/v1/subnets"));
    }
}
