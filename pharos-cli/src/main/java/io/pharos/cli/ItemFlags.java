package io.pharos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The typed flags of one resource's create and update: a picocli mixin that edits the item's JSON. */
interface ItemFlags {
    /** Changes the fields whose flags were given and leaves the rest alone ({@link Edits}). */
    void applyTo(ObjectNode item);

    /** On create, after {@link #applyTo}: fills in the fields the server needs even when empty, or refuses. */
    default void completeNew(ObjectNode item) {}

    /** On update, the key to PUT the item under; read before the flags change it. */
    default String keyToWrite(ObjectNode item, String key) {
        return key;
    }
}
