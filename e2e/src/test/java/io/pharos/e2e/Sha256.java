package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class Sha256 {
    private Sha256() {}

    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of a file, or "(missing)" so that a comparison fails with a readable message. */
    public static String of(Path file) {
        try {
            return Files.exists(file) ? of(Files.readAllBytes(file)) : "(missing " + file + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
