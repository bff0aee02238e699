package io.pharos.core.model;

/** A file in the store: its path as served, and the sha256 of its content (the blob's name). */
public record FileEntry(String path, String sha256, long size, long uploadedAt) {}
