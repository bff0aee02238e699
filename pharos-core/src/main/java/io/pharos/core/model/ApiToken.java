package io.pharos.core.model;

/** An API credential. Only the sha256 of the secret is replicated; the secret is shown once at creation. */
public record ApiToken(String id, String name, String secretSha256, String role, long createdAt) {}
