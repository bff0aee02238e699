package io.pharos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Wrong command lines exit 64 with picocli's message and send nothing; help and version exit 0. */
class UsageTest {
    private static CliRun usage(String... args) {
        RecordingTransport transport = new RecordingTransport();
        CliRun run = CliRun.run(transport, args);
        assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(transport.sent.isEmpty(), "a usage error sends no request");
        return run;
    }

    @Test
    void badDurationNamesTheAcceptedForms() {
        CliRun run = usage("subnets", "create", "lab", "--cidr", "10.0.0.0/24", "--lease-time", "1x");
        assertTrue(run.err().contains("'1x' is not a duration"), run.err());
    }

    @Test
    void unknownSubcommandSuggestsTheNearestOne() {
        CliRun run = usage("subnets", "lst");
        assertTrue(run.err().contains("subnets list"), run.err());
    }

    @Test
    void aGroupAloneListsWhatItCanDo() {
        CliRun run = usage("machines");
        assertTrue(run.err().contains("list, show, create, update, delete"), run.err());
    }

    @Test
    void missingPositionalArgument() {
        CliRun run = usage("subnets", "show");
        assertTrue(run.err().contains("NAME"), run.err());
    }

    @Test
    void createWithoutANameSaysHowToGiveOne() {
        CliRun run = usage("machines", "create", "--mac", "52:54:00:12:34:56");
        assertTrue(run.err().contains("--name"), run.err());
    }

    @Test
    void unknownOutputFormat() {
        CliRun run = usage("-o", "xml", "status");
        assertTrue(run.err().contains("use table, json or yaml"), run.err());
    }

    @Test
    void optionMapNeedsNameEqualsValue() {
        usage("subnets", "create", "lab", "--option", "router");
    }

    @Test
    void preferencesSetWithNothingToSet() {
        usage("preferences", "set");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.run(new RecordingTransport(), "subnets", "create", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--lease-time=DURATION"), help.out());
        assertTrue(help.out().contains("--endpoint=URL"), "global options are listed on every command");

        CliRun version = CliRun.run(new RecordingTransport(), "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("pharos "), version.out());
    }
}
