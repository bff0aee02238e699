package io.pharos.cli;

/** Where create finds the new item's identifying field, which must end up set (here or in --from-file). */
sealed interface CreateKey {
    String field();

    /** How to give it, for the usage error when it is missing. */
    String how();

    /** An optional positional argument, e.g. "[NAME]". */
    record Argument(String field, String label) implements CreateKey {
        @Override
        public String how() {
            return "a " + label + " argument";
        }
    }

    /** An option of create alone, e.g. a reservation's --mac. */
    record Option(String field, String name, String label, String description) implements CreateKey {
        @Override
        public String how() {
            return name;
        }
    }

    /** One of the resource's own flags, e.g. a machine's --name; checked once the flags are applied. */
    record Flag(String field, String name) implements CreateKey {
        @Override
        public String how() {
            return name;
        }
    }
}
