package io.pharos.node.replication;

/** How one attempt to fetch one blob from one peer ended. */
public sealed interface FetchOutcome {
    /** The blob is now stored here, verified; octets is what travelled in this attempt. */
    record Fetched(long octets) implements FetchOutcome {}

    /** The peer does not hold the blob (404): ask another. */
    record Absent() implements FetchOutcome {}

    /** The peer's bytes do not hash to the blob's name: its copy is damaged; nothing was stored. */
    record Corrupt(String actualSha256) implements FetchOutcome {}

    /** Anything else (unreachable, refused, cut off, odd answer); what was received is kept for a retry. */
    record Failed(String reason) implements FetchOutcome {}
}
