package io.pharos.node.api;

import io.pharos.core.command.Command;
import io.pharos.core.model.ApiToken;
import io.pharos.core.state.State;
import io.pharos.node.http.ApiAuth;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * /tokens: API credentials. The secret is returned once, by POST; only its sha256 is stored and replicated.
 * The last admin token cannot be deleted, so the cluster never locks its operators out.
 */
final class TokensApi {
    /** A token as listed: never its secret or hash. */
    record TokenView(String id, String name, String role, long createdAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.createdAt());
        }
    }

    /** The answer to POST: token is "id.secret", for `Authorization: Bearer <token>`, shown only now. */
    record CreatedToken(String id, String name, String role, long createdAt, String token) {}

    /** The body of POST /tokens. */
    record TokenRequest(String name, String role) {}

    private final State state;
    private final CommandWriter writer;
    private final Clock clock;
    private final SecureRandom random;

    TokensApi(State state, CommandWriter writer, Clock clock, SecureRandom random) {
        this.state = state;
        this.writer = writer;
        this.clock = clock;
        this.random = random;
    }

    void register(Router router) {
        router.add("GET", "/tokens", r -> Reply.ok(state.tokens().stream().map(TokenView::of).toList()));
        router.add("POST", "/tokens", this::create);
        router.add("DELETE", "/tokens/{id}", this::delete);
    }

    private Reply create(ApiRequest request) throws IOException {
        TokenRequest body = RecordReader.read(request.bodyObject(), TokenRequest.class, Map.of("role", ApiAuth.ADMIN));
        Problems problems = new Problems();
        Names.check(problems, "name", body.name());
        if (!ApiAuth.ROLES.contains(body.role()))
            problems.add("role", "'" + body.role() + "' is not a role; use one of " + ApiAuth.ROLES.stream().sorted().toList());
        problems.throwIfAny(422);
        ApiAuth.NewToken created = ApiAuth.newToken(body.name(), body.role(), clock.millis(), random);
        writer.write(new Command.PutToken(created.token()), request.actor());
        ApiToken t = created.token();
        return Reply.created(new CreatedToken(t.id(), t.name(), t.role(), t.createdAt(), created.text()), "/api/v1/tokens/" + t.id());
    }

    private Reply delete(ApiRequest request) {
        String id = request.path("id");
        ApiToken token = state.tokens().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() ->
                ApiException.notFound("token '" + id + "' does not exist; list tokens with GET /api/v1/tokens"));
        long admins = state.tokens().stream().filter(t -> ApiAuth.ADMIN.equals(t.role())).count();
        if (ApiAuth.ADMIN.equals(token.role()) && admins <= 1)
            throw ApiException.conflict("token '" + token.name() + "' is the last admin token; create another admin"
                    + " token first (POST /api/v1/tokens), then delete this one");
        writer.write(new Command.DeleteToken(id), request.actor());
        return Reply.noContent();
    }
}
