package io.pharos.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.core.command.Command;
import io.pharos.core.model.BootEnv;
import io.pharos.core.state.State;
import io.pharos.node.files.FilePaths;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /bootenvs: how machines boot — kernel, initrds, arguments and a template per boot loader. */
final class BootEnvsApi {
    static final Set<String> LOADERS = Set.of("ipxe", "pxelinux", "grub");

    private final State state;
    private final CommandWriter writer;

    BootEnvsApi(State state, CommandWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    void register(Router router) {
        router.add("GET", "/bootenvs", r -> Reply.ok(state.bootEnvs()));
        router.add("POST", "/bootenvs", this::create);
        router.add("GET", "/bootenvs/{name}", r -> Reply.ok(state.bootEnv(r.path("name")).orElseThrow(() ->
                ApiException.notFound("boot environment '" + r.path("name") + "' does not exist; list them with GET /api/v1/bootenvs"))));
        router.add("PUT", "/bootenvs/{name}", this::replace);
        router.add("DELETE", "/bootenvs/{name}", r -> {
            writer.write(new Command.DeleteBootEnv(r.path("name")), r.actor());
            return Reply.noContent();
        });
    }

    private Reply create(ApiRequest request) throws IOException {
        BootEnv env = RecordReader.read(request.bodyObject(), BootEnv.class, Map.of());
        if (env.name() != null && state.bootEnv(env.name()).isPresent())
            throw ApiException.conflict("boot environment '" + env.name() + "' already exists; change it with PUT"
                    + " /api/v1/bootenvs/" + env.name() + " or choose another name");
        put(env, request);
        return Reply.created(env, "/api/v1/bootenvs/" + env.name());
    }

    private Reply replace(ApiRequest request) throws IOException {
        ObjectNode body = request.bodyObject();
        Names.matchPath(body, "name", request.path("name"));
        BootEnv env = RecordReader.read(body, BootEnv.class, Map.of());
        put(env, request);
        return Reply.ok(env);
    }

    private void put(BootEnv env, ApiRequest request) {
        Problems problems = new Problems();
        Names.check(problems, "name", env.name());
        env.templates().forEach((loader, template) -> {
            if (!LOADERS.contains(loader))
                problems.add("templates." + loader, "is not a boot loader; use one of " + LOADERS.stream().sorted().toList());
            else if (state.template(template).isEmpty())
                problems.add("templates." + loader, "template '" + template + "' does not exist; create it first"
                        + " with POST /api/v1/templates");
        });
        if (env.kernel() != null) checkPath(problems, "kernel", env.kernel());
        checkAll(problems, "initrds", env.initrds());
        checkAll(problems, "files", env.files());
        problems.throwIfAny(422);
        writer.write(new Command.PutBootEnv(env), request.actor());
    }

    private static void checkAll(Problems problems, String field, List<String> paths) {
        for (int i = 0; i < paths.size(); i++) checkPath(problems, field + "[" + i + "]", paths.get(i));
    }

    /** The file store's own rule, so a boot environment never names a file the store would refuse. */
    private static void checkPath(Problems problems, String field, String path) {
        // iPXE and GRUB fetch http(s) URLs themselves; those never touch the store.
        if (path != null && (path.startsWith("http://") || path.startsWith("https://"))) return;
        FilePaths.problem(path).ifPresent(problem -> problems.add(field, "'" + path + "': " + problem));
    }
}
