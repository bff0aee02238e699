package io.pharos.cli;

import java.util.List;

/** The columns of each collection's table; everything else is in {@code show} and {@code -o json}. */
final class Views {
    private Views() {}

    static final List<Column> SUBNETS = List.of(
            Column.field("NAME", "name"),
            Column.field("CIDR", "cidr"),
            Column.field("RANGES", "ranges"),
            new Column("LEASE", s -> Cells.seconds(s.path("leaseSeconds"))),
            Column.field("NEXT-SERVER", "nextServer"),
            Column.field("OPTIONS", "options"));

    static final List<Column> RESERVATIONS = List.of(
            Column.field("MAC", "mac"),
            Column.field("ADDRESS", "address"),
            Column.field("HOSTNAME", "hostname"),
            Column.field("OPTIONS", "options"));

    static List<Column> leases(long nowMillis) {
        return List.of(
                Column.field("ADDRESS", "address"),
                Column.field("MAC", "mac"),
                Column.field("HOSTNAME", "hostname"),
                Column.field("SUBNET", "subnet"),
                Column.field("STATE", "state"),
                new Column("EXPIRES", l -> Cells.relative(l.path("expiresAt"), nowMillis)));
    }

    static final List<Column> MACHINES = List.of(
            Column.field("NAME", "name"),
            Column.field("ID", "id"),
            Column.field("MACS", "macs"),
            Column.field("ADDRESS", "address"),
            Column.field("BOOTENV", "bootEnv"));

    static final List<Column> BOOTENVS = List.of(
            Column.field("NAME", "name"),
            Column.field("KERNEL", "kernel"),
            Column.field("TEMPLATES", "templates"),
            Column.field("DESCRIPTION", "description"));

    static final List<Column> TEMPLATES = List.of(
            Column.field("NAME", "name"),
            new Column("LINES", t -> Long.toString(t.path("body").asText("").lines().count())),
            new Column("FIRST LINE", t -> Cells.oneLine(t.path("body").asText("").lines().findFirst().orElse(""))));

    static final List<Column> PARAMS = List.of(
            Column.field("NAME", "name"),
            Column.field("VALUE", "value"));

    static final List<Column> FILES = List.of(
            Column.field("PATH", "path"),
            Column.field("SIZE", "size"),
            new Column("UPLOADED", f -> Cells.time(f.path("uploadedAt"))),
            Column.field("SHA256", "sha256"));

    static final List<Column> TOKENS = List.of(
            Column.field("ID", "id"),
            Column.field("NAME", "name"),
            Column.field("ROLE", "role"),
            new Column("CREATED", t -> Cells.time(t.path("createdAt"))));
}
