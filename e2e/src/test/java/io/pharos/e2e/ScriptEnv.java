package io.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The NAME=value lines a DHCP client's hook script dumped for one event (empty while none was written). */
final class ScriptEnv {
    private ScriptEnv() {}

    static Map<String, String> read(Path file) {
        Map<String, String> vars = new LinkedHashMap<>();
        try {
            if (!Files.exists(file)) return vars;
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return vars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shell loop that gives one udhcpc client after another its own MAC (PREFIX:hi:lo) on eth0 and runs
     * one DHCP exchange each, reporting to the hook script.
     */
    static String udhcpcLoop(int clients, String macPrefix, Path hookScript) {
        return """
                i=0
                while [ $i -lt %d ]; do
                  mac=$(printf '%s:%%02x:%%02x' $((i / 256)) $((i %% 256)))
                  ip link set eth0 down
                  ip link set eth0 address "$mac"
                  ip link set eth0 up
                  udhcpc -i eth0 -f -q -n -t 2 -T 1 -s '%s' >/dev/null 2>&1
                  i=$((i + 1))
                done
                """.formatted(clients, macPrefix, hookScript);
    }
}
