package io.pharos.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ("pharos subnets"): invoked alone, it is a usage error. */
abstract class Group implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do, one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
