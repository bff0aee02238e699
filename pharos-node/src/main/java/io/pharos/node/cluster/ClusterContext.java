package io.pharos.node.cluster;

import io.pharos.core.model.Member;
import io.pharos.node.http.ApiAuth;
import io.pharos.node.raft.RaftNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;

/**
 * What the cluster API needs from the composition root.
 *
 * @param self    this node as the others reach it ({@link SelfMember#of})
 * @param dataDir where DATA/cluster/token lives
 * @param blobs   this node's missing-blob count (the file replication side); {@link MissingBlobCount#NOT_REPORTED} until wired
 * @param active  true while this node is the active one (leader with a valid lease: the role controller)
 */
public record ClusterContext(RaftNode raft, ApiAuth auth, Member self, Path dataDir, MissingBlobCount blobs,
                             BooleanSupplier active, SecureRandom random) {}
