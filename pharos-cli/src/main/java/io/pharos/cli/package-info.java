/**
 * The {@code pharos} command-line client. It speaks only JSON over HTTP to the REST API (/api/v1), so it
 * depends on picocli and jackson-databind and not on pharos-core, and ships alone.
 *
 * <p>Design: each {@code *Command} class is one API collection, with one nested picocli command per verb;
 * they share {@link io.pharos.cli.Resource} (list/show/create/update/delete), which goes through
 * {@link io.pharos.cli.ApiClient} to a {@link io.pharos.cli.Transport} (the JDK HTTP client; tests record
 * requests instead). Items are JSON trees, never copies of the server's records: an update reads the item,
 * changes the fields its flags name and PUTs the whole item back, so fields this client does not know
 * survive. {@link io.pharos.cli.Printer} prints answers as tables, or unchanged as JSON/YAML for scripts.
 * Every failure is a {@link io.pharos.cli.CliException} with the exit code of {@link io.pharos.cli.ExitCode}.
 */
package io.pharos.cli;
