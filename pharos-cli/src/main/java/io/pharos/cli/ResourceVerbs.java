package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The list/show/create/update/delete subcommands every API collection shares, as picocli specs built from
 * a resource's texts, key and {@link ItemFlags}. A verb a resource does its own way is an annotated
 * {@link ApiCommand} class, added with {@link #annotated}.
 */
final class ResourceVerbs {
    private ResourceVerbs() {}

    /** One subcommand of a resource group, built anew for each command line (picocli specs hold the values). */
    @FunctionalInterface
    interface Verb {
        CommandSpec build(ResourceGroup group, CommandLine.IFactory factory);
    }

    static Verb list(String description) {
        return (group, factory) -> command("list", () -> group.resource().list(), description);
    }

    static Verb show(String keyLabel, String description) {
        return (group, factory) -> {
            PositionalParamSpec key = key(keyLabel);
            return command("show", () -> group.resource().show(key.getValue()), description).addPositional(key);
        };
    }

    static Verb delete(String keyLabel, String... description) {
        return (group, factory) -> {
            PositionalParamSpec key = key(keyLabel);
            return command("delete", () -> group.resource().delete(key.getValue()), description).addPositional(key);
        };
    }

    /** Starts from --from-file or an empty item, sets the key, applies the flags, completes it and POSTs it. */
    static Verb create(CreateKey key, Supplier<? extends ItemFlags> newFlags, String... description) {
        return (group, factory) -> {
            ItemFlags flags = newFlags.get();
            FromFile from = new FromFile();
            ArgSpec given = switch (key) {
                case CreateKey.Argument argument -> PositionalParamSpec.builder()
                        .paramLabel(argument.label()).arity("0..1").type(String.class).build();
                case CreateKey.Option option -> OptionSpec.builder(option.name())
                        .paramLabel(option.label()).description(option.description()).type(String.class).build();
                case CreateKey.Flag flag -> null;
            };
            CommandSpec spec = command("create", () -> create(group, key, given, flags, from), description);
            if (given instanceof PositionalParamSpec positional) spec.addPositional(positional);
            if (given instanceof OptionSpec option) spec.addOption(option);
            return withFlags(spec, flags, from, factory);
        };
    }

    /** Reads the item (or takes --from-file), applies the flags and PUTs it back whole. */
    static Verb update(String keyLabel, Supplier<? extends ItemFlags> newFlags, String... description) {
        return (group, factory) -> {
            ItemFlags flags = newFlags.get();
            FromFile from = new FromFile();
            PositionalParamSpec key = key(keyLabel);
            CommandSpec spec = command("update", () -> {
                String name = key.getValue();
                group.resource().update(name, from.read(group.context), flags::applyTo,
                        item -> flags.keyToWrite(item, name));
            }, description).addPositional(key);
            return withFlags(spec, flags, from, factory);
        };
    }

    /** A verb of the resource's own: an annotated command class, made by the factory like any other. */
    static Verb annotated(Class<? extends ApiCommand> type) {
        return (group, factory) -> {
            try {
                return CommandSpec.forAnnotatedObject(factory.create(type), factory);
            } catch (Exception e) {
                throw new CommandLine.InitializationException("cannot create " + type.getName(), e);
            }
        };
    }

    private static void create(ResourceGroup group, CreateKey key, ArgSpec given, ItemFlags flags, FromFile from) {
        Resource resource = group.resource();
        ObjectNode item = from.read(group.context);
        if (item == null) item = CliJson.MAPPER.createObjectNode();
        boolean setByFlags = given == null;
        String label = setByFlags ? null : resource.name(item, key, given.getValue());
        flags.applyTo(item);
        if (setByFlags) label = resource.name(item, key, null);
        flags.completeNew(item);
        resource.create(item, label);
    }

    private static CommandSpec command(String name, Runnable run, String... description) {
        Callable<Integer> call = () -> {
            run.run();
            return ExitCode.OK;
        };
        CommandSpec spec = CommandSpec.wrapWithoutInspection(call).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    private static PositionalParamSpec key(String label) {
        return PositionalParamSpec.builder().paramLabel(label).type(String.class).required(true).build();
    }

    private static CommandSpec withFlags(CommandSpec spec, ItemFlags flags, FromFile from, CommandLine.IFactory factory) {
        return spec.addMixin("flags", CommandSpec.forAnnotatedObject(flags, factory))
                .addMixin("from", CommandSpec.forAnnotatedObject(from, factory));
    }
}
