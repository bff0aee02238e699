package io.pharos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pharos files}: the replicated file store (kernels, initrds, images) served to booting machines. */
@Command(name = "files", description = "The file store: kernels, initrds and images served under /boot/files.")
final class FilesCommand extends ResourceGroup {
    FilesCommand(CliContext context) {
        super(context, c -> new Resource(c, "file", "/files", Views.FILES),
                ResourceVerbs.list("List stored files."),
                ResourceVerbs.annotated(Upload.class),
                ResourceVerbs.annotated(Download.class),
                ResourceVerbs.annotated(Delete.class));
    }

    @Command(name = "upload", description = {"Upload a file (streamed, any size).",
            "e.g. pharos files upload ./vmlinuz ubuntu/24.04/vmlinuz"})
    static final class Upload extends ApiCommand {
        @Parameters(index = "0", paramLabel = "LOCAL")
        Path local;

        @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE-PATH",
                description = "path in the store (default: the local file's name)")
        String remote;

        Upload(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            if (!Files.isRegularFile(local)) throw CliException.usage("cannot upload " + local + ": not a readable file");
            String path = remote != null ? remote : local.getFileName().toString();
            JsonNode answer = api().upload(ApiPaths.file(path), local);
            printer().done(answer, "uploaded " + local + " as " + path
                    + (answer.has("sha256") ? " (sha256 " + answer.path("sha256").asText() + ")" : ""));
        }
    }

    @Command(name = "download", description = {"Download a file (streamed).",
            "LOCAL defaults to the file's name in the current directory; \"-\" writes to standard output."})
    static final class Download extends ApiCommand {
        @Parameters(index = "0", paramLabel = "PATH")
        String path;

        @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL")
        String local;

        Download(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            if ("-".equals(local)) {
                api().download(ApiPaths.file(path), context.out);
                context.out.flush();
                return;
            }
            Path target = Path.of(local != null ? local : Path.of(path).getFileName().toString());
            if (Files.isDirectory(target)) target = target.resolve(Path.of(path).getFileName().toString());
            long size = downloadTo(target);
            // Not through the printer: the answer is the file itself, and stdout may be a script's pipe.
            context.err.println("downloaded " + path + " to " + target + " (" + size + " bytes)");
        }

        /** Into a temporary file beside the target, moved in place only when complete: no half files. */
        private long downloadTo(Path target) {
            Path dir = target.toAbsolutePath().getParent();
            Path partial = null;
            try {
                partial = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
                long size;
                try (OutputStream out = Files.newOutputStream(partial)) {
                    size = api().download(ApiPaths.file(path), out);
                }
                try {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
                partial = null;
                return size;
            } catch (IOException e) {
                throw new CliException(ExitCode.REFUSED, "cannot write " + target + ": " + e.getMessage());
            } finally {
                if (partial != null) {
                    try {
                        Files.deleteIfExists(partial);
                    } catch (IOException ignored) {
                        // a leftover .partial file is harmless and named as such
                    }
                }
            }
        }
    }

    @Command(name = "delete", description = "Delete a file from the store.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "PATH")
        String path;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        protected void run() {
            JsonNode answer = api().delete(ApiPaths.file(path));
            printer().done(answer, "deleted file " + path);
        }
    }
}
