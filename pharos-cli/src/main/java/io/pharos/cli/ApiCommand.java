package io.pharos.cli;

import java.util.concurrent.Callable;

/** A command that talks to the API; failures arrive as {@link CliException} and become exit codes. */
abstract class ApiCommand implements Callable<Integer> {
    protected final CliContext context;

    protected ApiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        run();
        return ExitCode.OK;
    }

    protected abstract void run();

    protected ApiClient api() {
        return context.api();
    }

    protected Printer printer() {
        return context.printer();
    }
}
