/**
 * The {@code pharos} command-line client. It speaks only JSON over HTTP to the REST API (/api/v1), so it
 * depends on picocli and Jackson (databind, and YAML for {@code -o yaml}) and not on pharos-core, and ships alone.
 *
 * <p>Design: each {@code *Command} class is one API collection. Its list/show/create/update/delete are
 * built by {@link io.pharos.cli.ResourceVerbs} from the collection's texts, key and typed flags
 * ({@link io.pharos.cli.ItemFlags}), so the class holds only what is its own; a verb done differently is a
 * nested annotated command. The verbs share {@link io.pharos.cli.Resource}, which goes through
 * {@link io.pharos.cli.ApiClient} to a {@link io.pharos.cli.Transport} (the JDK HTTP client; tests record
 * requests instead). Items are JSON trees, never copies of the server's records: an update reads the item,
 * changes the fields its flags name and PUTs the whole item back, so fields this client does not know
 * survive. {@link io.pharos.cli.Printer} prints answers as tables, or unchanged as JSON/YAML for scripts.
 * Every failure is a {@link io.pharos.cli.CliException} with the exit code of {@link io.pharos.cli.ExitCode}.
 */
package io.pharos.cli;
