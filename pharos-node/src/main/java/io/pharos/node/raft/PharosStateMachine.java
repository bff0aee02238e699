package io.pharos.node.raft;

import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.state.State;
import io.pharos.node.codec.CommandCodec;
import io.pharos.node.codec.SnapshotCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratis's view of the Pharos {@link State}: log entries are {@link CommandCodec} commands applied in log order
 * by Ratis's one apply thread, snapshots are {@link SnapshotCodec} files. Entries that do not decode are
 * turned away on the leader in {@link #startTransaction} and never reach the log.
 */
final class PharosStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(PharosStateMachine.class);

    private final State state;
    private final RoleEvents roles;
    private final AppliedIndex applied = new AppliedIndex();
    private final SnapshotStorage storage = new SnapshotStorage();
    private final SnapshotFiles snapshots = new SnapshotFiles(storage);

    PharosStateMachine(State state, RoleEvents roles) {
        this.state = state;
        this.roles = roles;
    }

    AppliedIndex appliedIndex() {
        return applied;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            snapshots.deleteUnfinished();
            load(storage.getLatestSnapshot());
        }, IOException.class);
    }

    /** Ratis pauses us before it swaps in a snapshot sent by the leader (RATIS-NOTES pitfall 3). */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    private void load(SingleFileSnapshotInfo info) throws IOException {
        if (info == null) return;
        SnapshotCodec.Loaded loaded = SnapshotFiles.read(info);
        state.restore(loaded.state());
        setLastAppliedTermIndex(info.getTermIndex());
        applied.set(info.getIndex());
        LOG.info("RAFT_SNAPSHOT_LOADED index={} term={} file={}", info.getIndex(), info.getTerm(),
                info.getFile().getPath());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) {
        TransactionContext.Builder trx = TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request);
        try {
            Command command = CommandCodec.decode(request.getMessage().getContent().toByteArray());
            // Kept so the leader does not decode the same bytes again when it applies the entry.
            return trx.setStateMachineContext(command).build();
        } catch (RuntimeException e) {
            LOG.warn("RAFT_COMMAND_REJECTED client={}: not a Pharos command ({}); the sender must use CommandCodec",
                    request.getClientId(), e.getMessage());
            return trx.build().setException(new IllegalArgumentException("not a Pharos command: " + e.getMessage(), e));
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        Command command = trx.getStateMachineContext() instanceof Command c ? c : decode(entry);
        Result result = applyIsolated(command, entry.getIndex());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        applied.set(entry.getIndex());
        return CompletableFuture.completedFuture(
                Message.valueOf(UnsafeByteOperations.unsafeWrap(CommandCodec.encodeResult(result))));
    }

    /** Configuration and metadata entries advance the applied index too. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        applied.set(index);
    }

    /**
     * Throwing here stops the node (Ratis closes the server), which is right for an entry this version cannot
     * read: applying a guess would make this node diverge from the others.
     */
    private static Command decode(LogEntryProto entry) {
        try {
            return CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        } catch (RuntimeException e) {
            LOG.error("RAFT_ENTRY_UNREADABLE index={}: {}; this node stops applying the log: install the Pharos "
                    + "version that wrote it", entry.getIndex(), e.getMessage());
            throw e;
        }
    }

    /**
     * A batch is applied command by command so that one command that makes State throw (a bug: State answers
     * refusals as values) fails alone instead of failing every other command group-committed with it. The
     * exception is deterministic, so every node records the same refusal and stays in step.
     */
    private Result applyIsolated(Command command, long index) {
        if (command instanceof Command.Batch batch) {
            List<Result> results = new ArrayList<>(batch.commands().size());
            for (Command each : batch.commands()) results.add(applyOne(each, index));
            return new Result.Batched(results);
        }
        return applyOne(command, index);
    }

    private Result applyOne(Command command, long index) {
        try {
            return state.apply(command);
        } catch (RuntimeException e) {
            LOG.error("RAFT_APPLY_FAILED index={} command={}: State threw instead of refusing; this is a Pharos bug, "
                    + "please report it with this log", index, command.getClass().getSimpleName(), e);
            return new Result.Refused(Result.Refusal.INVALID, "the command could not be applied ("
                    + e.getClass().getSimpleName() + "); this is a Pharos bug, see the server log");
        }
    }

    /** Runs on the apply thread (auto-trigger or a snapshot request), so the state matches the index. */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < RaftLog.LEAST_VALID_LOG_INDEX) return RaftLog.INVALID_LOG_INDEX;
        SingleFileSnapshotInfo info = snapshots.write(state.snapshot(), last);
        LOG.info("RAFT_SNAPSHOT_TAKEN index={} term={} file={}", last.getIndex(), last.getTerm(),
                info.getFile().getPath());
        return last.getIndex();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId leader) {
        boolean self = leader.equals(member.getPeerId());
        roles.publish(self ? RaftRole.LEADER_ELECTED : RaftRole.FOLLOWER, "leader=" + leader);
    }

    @Override
    public void notifyLeaderReady() {
        roles.publish(RaftRole.LEADER_READY, "");
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pending) {
        roles.publish(RaftRole.NO_LEADER, "stepped down with " + pending.size() + " uncommitted entries");
    }

    @Override
    public void notifyExtendedNoLeader(RoleInfoProto role) {
        roles.publish(RaftRole.NO_LEADER, "no leader for a long time; check that a majority of peers run and reach each other");
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto role, boolean allServer) {
        roles.publish(RaftRole.STOPPED, "");
    }

    @Override
    public void close() {
        getLifeCycle().checkStateAndClose(() -> applied.failAll(new NotCommittedException("the Raft node is shutting down")));
    }
}
