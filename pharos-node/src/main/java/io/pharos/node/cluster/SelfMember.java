package io.pharos.node.cluster;

import io.pharos.core.model.Member;
import io.pharos.node.config.NodeSettings;

/** This node as the other members will know it: how they reach its Raft and HTTP endpoints. */
public final class SelfMember {
    private SelfMember() {}

    /**
     * @param httpPort the HTTP port peers connect to (the bound one; it differs from the setting only for port 0)
     */
    public static Member of(NodeSettings settings, int httpPort, String version) {
        String raftHost = settings.raftAddress().getHostString();
        String raft = raftHost + ":" + settings.raftAddress().getPort();
        String advertised = settings.cluster().httpAdvertise();
        String http = advertised == null || advertised.isBlank() ? raftHost + ":" + httpPort : advertised.strip();
        return new Member(settings.nodeId(), raft, http, settings.cluster().observer(), version);
    }
}
