package io.pharos.node;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.model.ApiToken;
import io.pharos.core.state.State;
import io.pharos.node.boot.DefaultContent;
import io.pharos.node.http.ApiAuth;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a brand-new cluster needs before anyone can use it: the default boot environments and templates,
 * and the first admin credential. Proposed once, as one log entry, only when the state holds no tokens.
 */
final class FirstStart {
    static final String ADMIN_ID = "admin";

    private FirstStart() {}

    /** Seeds an empty state; returns the admin token text to show once, or empty when already seeded. */
    static Optional<String> seedIfEmpty(State state, io.pharos.core.command.CommandLog log, String initialSecret,
                                        long now, SecureRandom random) throws StartupException {
        if (!state.tokens().isEmpty()) return Optional.empty();
        ApiAuth.NewToken admin = initialSecret.isEmpty() ? ApiAuth.newToken("admin", ApiAuth.ADMIN, now, random)
                : new ApiAuth.NewToken(new ApiToken(ADMIN_ID, "admin", ApiAuth.sha256Hex(initialSecret), ApiAuth.ADMIN, now),
                ADMIN_ID + "." + initialSecret);
        List<Command> commands = new ArrayList<>();
        if (state.bootEnvs().isEmpty()) commands.addAll(DefaultContent.seed());
        commands.add(new Command.PutToken(admin.token()));
        try {
            Result result = log.submit(new Command.Batch(commands)).get(30, TimeUnit.SECONDS);
            if (result instanceof Result.Batched batched)
                for (Result each : batched.results())
                    if (each instanceof Result.Refused refused)
                        throw new StartupException("seeding the default content was refused: " + refused.reason());
            return Optional.of(admin.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while seeding the default content");
        } catch (Exception e) {
            if (e instanceof StartupException s) throw s;
            throw new StartupException("could not commit the default content and admin token: " + e.getMessage()
                    + " — check that the data directory is writable and the disk not full", e);
        }
    }
}
