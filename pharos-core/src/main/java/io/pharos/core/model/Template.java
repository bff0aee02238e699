package io.pharos.core.model;

/** A named template body (Pebble syntax), rendered per machine. */
public record Template(String name, String body) {}
