package io.pharos.cli;

import picocli.CommandLine;

/** {@code pharos --version}: the jar's Implementation-Version, or the source version when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    private static final String SOURCE_VERSION = "0.1.0-SNAPSHOT";

    static String version() {
        String fromJar = VersionProvider.class.getPackage().getImplementationVersion();
        return fromJar != null ? fromJar : SOURCE_VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pharos " + version(), "Java " + Runtime.version()};
    }
}
