package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The list/show/create/update/delete pattern every API collection shares. Update reads the current item,
 * applies the changes the flags ask for and writes it back whole (PUT), so fields the CLI does not know
 * survive an update.
 */
final class Resource {
    private final CliContext context;
    private final String noun;
    private final String collection;
    private final List<Column> columns;

    /** noun: "subnet", for messages; collection: the API path, e.g. "/subnets". */
    Resource(CliContext context, String noun, String collection, List<Column> columns) {
        this.context = context;
        this.noun = noun;
        this.collection = collection;
        this.columns = columns;
    }

    void list() {
        list("");
    }

    void list(String query) {
        context.printer().table(context.api().get(collection + query), columns);
    }

    void show(String key) {
        context.printer().detail(get(key));
    }

    JsonNode get(String key) {
        return context.api().get(ApiPaths.item(collection, key));
    }

    void delete(String key) {
        JsonNode answer = context.api().delete(ApiPaths.item(collection, key));
        context.printer().done(answer, "deleted " + noun + " " + key);
    }

    /** Sets the new item's key when given; it must end up set, else a usage error that says how to give it. */
    String name(ObjectNode item, CreateKey key, String given) {
        return Edits.name(item, key.field(), given, noun, key.how());
    }

    void create(ObjectNode body, String label) {
        JsonNode answer = context.api().send("POST", collection, body);
        context.printer().done(answer, "created " + noun + " " + label);
    }

    /** base: the item from --from-file, or null to start from the server's current item. */
    void update(String key, ObjectNode base, Consumer<ObjectNode> change) {
        update(key, base, change, item -> key);
    }

    /** As above, writing to the key putKey picks from the item (e.g. a machine's id when it was named by name). */
    void update(String key, ObjectNode base, Consumer<ObjectNode> change, Function<ObjectNode, String> putKey) {
        ObjectNode item = base != null ? base : object(get(key), key);
        String target = putKey.apply(item);
        change.accept(item);
        JsonNode answer = context.api().send("PUT", ApiPaths.item(collection, target), item);
        context.printer().done(answer, "updated " + noun + " " + key);
    }

    private ObjectNode object(JsonNode node, String key) {
        if (node instanceof ObjectNode object) return object;
        throw new CliException(ExitCode.UNAVAILABLE, "the server answered GET " + collection + "/" + key
                + " with something other than a JSON object; is --endpoint pointing at Pharos?");
    }
}
