package io.pharos.node.raft;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Raft group's membership as this node knows it: who votes, who only listens (observers), and at which
 * log index that configuration was written.
 *
 * @param voters    id to raft address (host:port) of every voting member
 * @param listeners id to raft address of every listener (observer): replicates the log, never votes or leads
 * @param index     the log index of the configuration entry (-1 before the first one)
 * @param changing  a membership change is under way (Raft joint consensus, §6 of the Raft paper); another
 *                  change must wait until it completes
 */
public record GroupConfiguration(Map<String, String> voters, Map<String, String> listeners, long index,
                                 boolean changing) {
    public GroupConfiguration {
        voters = Collections.unmodifiableMap(new TreeMap<>(voters));
        listeners = Collections.unmodifiableMap(new TreeMap<>(listeners));
    }

    public boolean contains(String id) {
        return voters.containsKey(id) || listeners.containsKey(id);
    }

    public boolean isVoter(String id) {
        return voters.containsKey(id);
    }

    public boolean isListener(String id) {
        return listeners.containsKey(id);
    }

    /** The raft address of a member, voter or listener. */
    public Optional<String> address(String id) {
        return Optional.ofNullable(voters.getOrDefault(id, listeners.get(id)));
    }

    /** Every member, voters and listeners, id to raft address. */
    public Map<String, String> all() {
        Map<String, String> all = new TreeMap<>(voters);
        all.putAll(listeners);
        return Collections.unmodifiableMap(all);
    }
}
