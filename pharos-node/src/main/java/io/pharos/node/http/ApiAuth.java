package io.pharos.node.http;

import com.sun.net.httpserver.HttpExchange;
import io.pharos.core.model.ApiToken;
import io.pharos.core.state.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens (RFC 6750 §2.1) of the form "id.secret". Only sha256(secret) is replicated, so the secret
 * is compared by hashing what the client sent and comparing digests in constant time.
 *
 * <p>Roles: {@value #ADMIN} may do everything; {@value #READER} may only read (GET/HEAD).
 */
public final class ApiAuth {
    public static final String ADMIN = "admin";
    public static final String READER = "reader";
    public static final Set<String> ROLES = Set.of(ADMIN, READER);
    /** Exchange attribute holding the authorized {@link ApiToken}. */
    public static final String TOKEN_ATTRIBUTE = "pharos.token";

    private static final String HOW_TO_GET_ONE = "the first admin token is printed once when Pharos first starts"
            + " (or set with --initial-admin-token); create more with `pharos tokens create`";

    private final State state;

    public ApiAuth(State state) {
        this.state = state;
    }

    /** A token as stored (hash only) and its text "id.secret", shown to the operator once. */
    public record NewToken(ApiToken token, String text) {}

    public static NewToken newToken(String name, String role, long now, SecureRandom random) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idText = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewToken(new ApiToken(idText, name, sha256Hex(secretText), role, now), idText + "." + secretText);
    }

    /** True when the request may proceed; otherwise a 401 (or 403) has already been sent. */
    public boolean authorize(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank())
            return deny(exchange, 401, "missing 'Authorization: Bearer <token>' header; " + HOW_TO_GET_ONE);
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7))
            return deny(exchange, 401, "the Authorization header must be 'Bearer <token>'; " + HOW_TO_GET_ONE);
        Optional<ApiToken> token = check(header.substring(7).trim());
        if (token.isEmpty())
            return deny(exchange, 401, "the token is not valid (unknown, deleted or mistyped); " + HOW_TO_GET_ONE);
        String method = exchange.getRequestMethod();
        if (!ADMIN.equals(token.get().role()) && !method.equals("GET") && !method.equals("HEAD"))
            return deny(exchange, 403, "token '" + token.get().name() + "' has role '" + token.get().role()
                    + "', which may only read; use a token with role 'admin' to change things");
        exchange.setAttribute(TOKEN_ATTRIBUTE, token.get());
        return true;
    }

    /** The stored token matching "id.secret", if any. */
    public Optional<ApiToken> check(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) return Optional.empty();
        String id = text.substring(0, dot);
        byte[] presented = sha256Hex(text.substring(dot + 1)).getBytes(StandardCharsets.US_ASCII);
        for (ApiToken token : state.tokens())
            if (token.id().equals(id)
                    && MessageDigest.isEqual(presented, token.secretSha256().getBytes(StandardCharsets.US_ASCII)))
                return Optional.of(token);
        return Optional.empty();
    }

    private static boolean deny(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 401) exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pharos\"");
        HttpResponses.error(exchange, status, message);
        return false;
    }

    /** The hex sha256 of a secret's UTF-8 bytes: how tokens of every kind are stored and compared. */
    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
