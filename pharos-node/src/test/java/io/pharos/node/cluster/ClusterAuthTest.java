package io.pharos.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pharos.core.model.ClusterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterAuthTest {
    private final String token = ClusterAuth.newToken(new SecureRandom());
    private final ClusterSettings cluster = new ClusterSettings("lab", null, 32, ClusterAuth.sha256Hex(token));

    @Test
    void onlyTheClustersOwnTokenPasses() {
        assertEquals("Bearer cluster." + token, ClusterAuth.authorization(token));
        assertTrue(ClusterAuth.check(ClusterAuth.authorization(token), cluster));
        assertTrue(ClusterAuth.check("bearer  cluster." + token, cluster), "the scheme is case-insensitive (RFC 6750)");
        assertFalse(ClusterAuth.check(ClusterAuth.authorization(token + "x"), cluster));
        assertFalse(ClusterAuth.check(ClusterAuth.authorization(""), cluster));
        assertFalse(ClusterAuth.check("Bearer " + token, cluster), "without the cluster. prefix it is an API token");
        assertFalse(ClusterAuth.check(ClusterAuth.authorization(token), ClusterSettings.NONE), "no cluster, no token");
        assertFalse(ClusterAuth.check(null, cluster));
        assertFalse(ClusterAuth.isClusterCredential("Bearer 0123abcd.secret"));
        assertNotEquals(token, ClusterAuth.newToken(new SecureRandom()));
    }

    @Test
    void theTokenFileIsOwnerOnlyAndReplacedWhole(@TempDir Path data) throws Exception {
        assertEquals(Optional.empty(), ClusterAuth.localAuthorization(data));
        ClusterFiles.writeToken(data, "first");
        ClusterFiles.writeToken(data, token);
        Path file = ClusterFiles.directory(data).resolve(ClusterFiles.TOKEN);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file.getParent()));
        assertEquals(Optional.of(ClusterAuth.authorization(token)), ClusterAuth.localAuthorization(data));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
