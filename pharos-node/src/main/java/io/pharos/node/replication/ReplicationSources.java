package io.pharos.node.replication;

import io.pharos.core.model.Member;
import io.pharos.core.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The peers to fetch blobs from, best first: the Raft leader (the active node, which holds every blob it
 * accepted an upload of), then every other member, observers included, since any of them may hold a blob
 * the leader lacks after a failover. Never this node itself.
 */
public final class ReplicationSources {
    private ReplicationSources() {}

    /**
     * @param leaderId the current Raft leader's id, e.g. {@code raftNode::leaderId}
     * @param selfId   this node's id
     */
    public static Supplier<List<String>> of(State state, Supplier<Optional<String>> leaderId, String selfId) {
        return () -> order(state.members(), leaderId.get(), selfId);
    }

    /** HTTP bases ("http://host:port") of the members other than self, the leader first. */
    public static List<String> order(Collection<Member> members, Optional<String> leader, String selfId) {
        List<String> out = new ArrayList<>();
        for (Member member : members)
            if (leader.isPresent() && member.id().equals(leader.get()) && !member.id().equals(selfId))
                addBase(out, member);
        for (Member member : members)
            if (!member.id().equals(selfId) && !(leader.isPresent() && member.id().equals(leader.get())))
                addBase(out, member);
        return out;
    }

    private static void addBase(List<String> out, Member member) {
        String address = member.httpAddress();
        if (address == null || address.isBlank()) return;
        out.add(base(address));
    }

    /** "10.0.0.2:8080" or "http://10.0.0.2:8080/" to "http://10.0.0.2:8080". */
    public static String base(String httpAddress) {
        String text = httpAddress.trim();
        if (!text.startsWith("http://") && !text.startsWith("https://")) text = "http://" + text;
        while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
        return text;
    }
}
