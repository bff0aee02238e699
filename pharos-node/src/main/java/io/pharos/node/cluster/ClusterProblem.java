package io.pharos.node.cluster;

import io.pharos.node.raft.MembershipException;

/** A cluster request that cannot be done; status is the HTTP answer, the message says why and what to do. */
final class ClusterProblem extends RuntimeException {
    private final int status;

    ClusterProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ClusterProblem badRequest(String message) {
        return new ClusterProblem(400, message);
    }

    static ClusterProblem conflict(String message) {
        return new ClusterProblem(409, message);
    }

    static ClusterProblem of(MembershipException e) {
        int status = switch (e.reason()) {
            case NOT_LEADER, FAILED -> 503;
            case CONFLICT -> 409;
            case NOT_FOUND -> 404;
        };
        return new ClusterProblem(status, e.getMessage());
    }
}
