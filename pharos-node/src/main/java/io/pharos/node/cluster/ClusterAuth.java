package io.pharos.node.cluster;

import io.pharos.core.model.ClusterSettings;
import io.pharos.node.http.ApiAuth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Node-to-node credentials: {@code Authorization: Bearer cluster.<token>} (RFC 6750 §2.1), where the token
 * is the one `pharos cluster init` printed. The state holds only its sha256 ({@link ClusterSettings#joinTokenSha256});
 * each member keeps the text in DATA/cluster/token. API tokens look like "id.secret" with a hex id, so the
 * "cluster." prefix never collides with one.
 */
public final class ClusterAuth {
    static final String BEARER = "Bearer ";
    static final String PREFIX = "cluster.";

    private ClusterAuth() {}

    /** A new cluster token: 256 random bits, URL-safe base64. */
    public static String newToken(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The value of the Authorization header that presents token. */
    public static String authorization(String token) {
        return BEARER + PREFIX + token;
    }

    /** This node's header value, from the token it keeps in DATA/cluster/token; empty before it joined or initialised. */
    public static Optional<String> localAuthorization(Path dataDir) {
        return ClusterFiles.readToken(dataDir).map(ClusterAuth::authorization);
    }

    /** True when the header presents a cluster token (valid or not), rather than an API token. */
    public static boolean isClusterCredential(String header) {
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && header.substring(BEARER.length()).trim().startsWith(PREFIX);
    }

    /** True when the header presents the token of this cluster; compared by digest in constant time. */
    public static boolean check(String header, ClusterSettings cluster) {
        if (!isClusterCredential(header) || cluster == null || cluster.joinTokenSha256().isEmpty()) return false;
        String token = header.substring(BEARER.length()).trim().substring(PREFIX.length());
        if (token.isEmpty()) return false;
        return MessageDigest.isEqual(sha256Hex(token).getBytes(StandardCharsets.US_ASCII),
                cluster.joinTokenSha256().getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(String token) {
        return ApiAuth.sha256Hex(token);
    }
}
