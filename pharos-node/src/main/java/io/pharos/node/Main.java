package io.pharos.node;

import io.pharos.cli.PharosCli;
import java.util.Arrays;

/** The one program behind ./pharos: {@code serve} runs a node, {@code config show} explains settings, all else is the CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(ServeCommand.serve(rest, System.out, System.err));
        } else if (args.length > 1 && args[0].equals("config") && args[1].equals("show")) {
            System.exit(ServeCommand.configShow(Arrays.copyOfRange(args, 2, args.length), System.out, System.err));
        } else {
            System.exit(PharosCli.run(args, System.out, System.err));
        }
    }
}
