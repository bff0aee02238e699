package io.pharos.core.model;

/**
 * Cluster-wide boot choices.
 *
 * @param unknownBootEnv boot environment for a machine Pharos does not know (usually "discovery")
 * @param defaultBootEnv boot environment given to a machine registered without one
 */
public record Preferences(String unknownBootEnv, String defaultBootEnv) {
    public static final Preferences DEFAULT = new Preferences(BootEnv.DISCOVERY, BootEnv.LOCAL);
}
