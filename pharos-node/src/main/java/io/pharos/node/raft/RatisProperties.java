package io.pharos.node.raft;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys.Log;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Translates {@link RaftSettings} into Ratis properties. The durability settings are spelled out even where
 * they equal the Ratis 3.2.2 defaults, so that a changed default cannot silently weaken invariant 2.
 */
final class RatisProperties {
    /** Client requests in flight per RaftClient; above the command log's in-flight batches. */
    static final int CLIENT_OUTSTANDING_MAX = 64;
    private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(50, TimeUnit.MILLISECONDS);

    private RatisProperties() {}

    static RaftProperties server(RaftSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, RaftSettings.host(settings.address()));
        GrpcConfigKeys.Server.setPort(p, RaftSettings.port(settings.address()));
        RaftServerConfigKeys.setStorageDir(p, List.of(settings.storageDir().toFile()));

        RaftSettings.Timing t = settings.timing();
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(t.rpcTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(t.rpcTimeoutMax()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, duration(t.firstElectionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, duration(t.firstElectionTimeoutMax()));
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, duration(t.stepDownWait()));
        // A deposed, frozen leader served stale reads with the DEFAULT option (RATIS-NOTES).
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);

        durability(p);

        RaftSettings.Compaction c = settings.compaction();
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, c.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, c.snapshotsRetained());
        RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
        // Purge only what every follower has (the minimum of their indexes and the snapshot), not blindly up to
        // the snapshot: purging past a restarted follower's next index left it unable to catch up in Ratis
        // 3.2.2 ("Previous TermIndex not found", no snapshot sent) and the cluster without a quorum.
        Log.setPurgeUptoSnapshotIndex(p, false);
        Log.setPurgeGap(p, c.purgeGap());
        Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.segmentSizeMax()));
        Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(c.segmentSizeMax(), 4L << 20)));
        Log.setSegmentCacheNumMax(p, c.segmentCacheNumMax());
        Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(c.segmentCacheSizeMax()));
        return p;
    }

    /**
     * An entry counts toward commit only once fsynced: the leader's commit index is the majority of follower
     * match indexes and its own flush index (LeaderStateImpl.updateCommit), a follower answers an append only
     * after its write future completes, and that future completes only when the flush index passes the
     * entry (SegmentedRaftLogWorker.WriteLogTasks). The flush is FileChannel.force(false), i.e. fdatasync,
     * unless unsafe-flush is on. force.sync.num only caps how many entries wait for one fsync.
     */
    private static void durability(RaftProperties p) {
        Log.setUnsafeFlushEnabled(p, false);
        Log.setAsyncFlushEnabled(p, false);
        Log.StateMachineData.setSync(p, true);
        Log.setForceSyncNum(p, 128);
        Log.setUseMemory(p, false);
    }

    static RaftProperties client(RaftSettings settings) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(settings.timing().clientRequestTimeout()));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, CLIENT_OUTSTANDING_MAX);
        return p;
    }

    /**
     * Retries (redirects to the leader, timeouts, leader not ready) until the commit timeout has passed since
     * the request was created; then the caller's future fails and it answers "try again". Ratis's own default
     * retries forever, which would hold DHCP replies and API calls hostage to a lost quorum.
     */
    static RetryPolicy retryPolicy(RaftSettings settings) {
        TimeDuration timeout = duration(settings.timing().commitTimeout());
        RetryPolicy bounded = RetryPolicies.retryForeverWithSleep(RETRY_SLEEP);
        RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
        for (TypeCase type : List.of(TypeCase.WRITE, TypeCase.READ, TypeCase.STALEREAD, TypeCase.WATCH))
            b.setRetryPolicy(type, bounded).setTimeout(type, timeout);
        return b.build();
    }

    static TimeDuration duration(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
