package io.pharos.node.api;

import io.pharos.protocols.dhcp.DhcpOptionCatalog;
import java.util.HashMap;
import java.util.Map;

/** Operator DHCP options (subnets, reservations) checked against the option catalog before proposing. */
final class DhcpOptionsCheck {
    private DhcpOptionsCheck() {}

    static void check(Problems problems, String field, Map<String, String> options) {
        Map<Integer, String> keyByCode = new HashMap<>();
        options.forEach((key, value) -> {
            var problem = DhcpOptionCatalog.validate(key, value);
            if (problem.isPresent()) {
                problems.add(field + "." + key, problem.get());
                return;
            }
            int code = DhcpOptionCatalog.codeOf(key);
            String earlier = keyByCode.putIfAbsent(code, key);
            if (earlier != null)
                problems.add(field + "." + key, "sets option " + DhcpOptionCatalog.nameOf(code) + " (" + code
                        + ") like '" + earlier + "' does; keep one of them");
        });
    }
}
