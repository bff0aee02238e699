package io.pharos.node.raft;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionReplyProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an election as soon as the leader's process is gone, instead of after Ratis's election timeout.
 * <p>
 * A follower learns that its leader died only when no append arrived for a whole election timeout, and Ratis
 * looks only at the end of each random 0.3–0.6 s sleep, so this takes 0.5–0.8 s. But a leader that crashed
 * or was killed while its host stays up has its sockets closed by the kernel and leaves a closed port behind.
 * So every follower that may lead holds an idle connection to the leader's Raft port ({@link HeldConnection});
 * when it ends and a new connection is refused, the follower asks its own Raft server to start an election,
 * with the request a leader sends to hand over (StartLeaderElection). A frozen, partitioned or powered-off
 * leader ends nothing and refuses nothing (the kernel of a frozen process still accepts; a dead host does not
 * answer), so those still wait for the timeout.
 * <p>
 * Two followers starting at once would split the vote; so the voters after the leader, by id, take turns:
 * the first tries at once, each next one {@link #TURN} later and only if there is still no other leader.
 * Safety does not rest on any of this: a new leader still waits out the old one's lease (io.pharos.node.ha).
 */
final class LeaderCrashWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderCrashWatch.class);
    /** How often the watch looks again at who leads; a held connection's end wakes it at once. */
    static final Duration RECHECK = Duration.ofMillis(50);
    static final Duration TURN = Duration.ofMillis(150);
    /** A live process on the same network accepts within a few ms, even frozen; a refusal comes as fast. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(100);

    private final RaftServer server;
    private final Supplier<Optional<RaftServer.Division>> division;
    private final Thread thread;
    private final AtomicLong elections = new AtomicLong();
    private volatile boolean running = true;
    /** The leader and term this node last started an election against: once per dead leader. */
    private String triedAgainst = "";

    private LeaderCrashWatch(RaftServer server, Supplier<Optional<RaftServer.Division>> division) {
        this.server = server;
        this.division = division;
        this.thread = Thread.ofVirtual().name("pharos-leader-watch").unstarted(this::run);
    }

    static LeaderCrashWatch start(RaftServer server, Supplier<Optional<RaftServer.Division>> division) {
        LeaderCrashWatch watch = new LeaderCrashWatch(server, division);
        watch.thread.start();
        return watch;
    }

    /** Elections this node started because its leader's port refused connections. */
    long electionsStarted() {
        return elections.get();
    }

    /** A follower's view of a leader it may replace: who, in which term, where, and this node's turn. */
    private record Suspect(RaftPeerId leader, long term, InetSocketAddress address, int turn) {
        String key() {
            return leader + "@" + term;
        }
    }

    private void run() {
        HeldConnection held = null;
        try {
            while (running) {
                Optional<Suspect> suspect = suspect().filter(s -> !s.key().equals(triedAgainst));
                if (suspect.isEmpty()) {
                    held = release(held);
                    Thread.sleep(RECHECK);
                    continue;
                }
                Suspect dead = suspect.get();
                if (held == null || !held.address().equals(dead.address())) {
                    release(held);
                    held = new HeldConnection(dead.address());
                }
                if (!gone(held)) continue;
                held = release(held);
                if (dead.turn() > 0) {
                    Thread.sleep(TURN.multipliedBy(dead.turn()));
                    // Someone before this node in line may have won meanwhile; then the suspect is gone.
                    if (!suspect().map(Suspect::key).equals(Optional.of(dead.key())) || !refuses(dead.address()))
                        continue;
                }
                triedAgainst = dead.key();
                startElection(dead);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Never fatal: the election timeout still replaces a dead leader, only later.
            LOG.warn("RAFT_LEADER_WATCH_STOPPED {}: a dead leader is now replaced after the election timeout only",
                    e.toString(), e);
        } finally {
            release(held);
        }
    }

    /**
     * True when the leader's process is gone. Waits up to {@link #RECHECK} for the held connection to end;
     * an ended (or not yet opened) connection is opened again, and only a refusal means gone: a live leader
     * that hung up accepts the new one, which is then held.
     */
    private static boolean gone(HeldConnection held) throws InterruptedException {
        if (held.isOpen() && !held.endsWithin(RECHECK)) return false;
        return switch (held.open(CONNECT_TIMEOUT)) {
            case REFUSED -> true;
            case HELD -> false;
            case NO_ANSWER -> {
                Thread.sleep(RECHECK);
                yield false;
            }
        };
    }

    private static HeldConnection release(HeldConnection held) {
        if (held != null) held.close();
        return null;
    }

    private Optional<Suspect> suspect() {
        Optional<RaftServer.Division> d = division.get();
        if (d.isEmpty()) return Optional.empty();
        DivisionInfo info = d.get().getInfo();
        RaftPeerId leader = info.getLeaderId();
        if (!info.isFollower() || leader == null || leader.equals(server.getId())) return Optional.empty();
        RaftConfiguration conf = d.get().getRaftConf();
        RaftPeer leaderPeer = conf.getPeer(leader);
        Collection<RaftPeer> voters = conf.getCurrentPeers(RaftPeerRole.FOLLOWER);
        int turn = turn(voters.stream().map(p -> p.getId().toString()).toList(), leader.toString(),
                server.getId().toString());
        if (leaderPeer == null || turn < 0) return Optional.empty();
        return address(leaderPeer.getAddress()).map(a -> new Suspect(leader, info.getCurrentTerm(), a, turn));
    }

    /** This node's place in line among the voters other than the leader, by id; -1 when it is not a voter. */
    static int turn(List<String> voters, String leader, String self) {
        return voters.stream().filter(v -> !v.equals(leader)).sorted().toList().indexOf(self);
    }

    /** A Ratis peer's "host:port" ("[v6]:port" too), read as the settings read Raft addresses. */
    static Optional<InetSocketAddress> address(String hostPort) {
        if (!RaftSettings.isHostPort(hostPort)) return Optional.empty();
        return Optional.of(new InetSocketAddress(RaftSettings.host(hostPort), RaftSettings.port(hostPort)));
    }

    /** True only when the address's host actively refused: nothing listens on that port any more. */
    static boolean refuses(InetSocketAddress address) {
        try (HeldConnection probe = new HeldConnection(address)) {
            return probe.open(CONNECT_TIMEOUT) == HeldConnection.Opening.REFUSED;
        }
    }

    private void startElection(Suspect dead) {
        RaftServer.Division d = division.get().orElse(null);
        if (d == null) return;
        TermIndex last = d.getRaftLog().getLastEntryTermIndex();
        if (last == null) return;
        // The request a leader sends to the voter it hands over to; Ratis checks it names the leader this node
        // follows, in its term, with no more log than this node holds.
        StartLeaderElectionRequestProto request = StartLeaderElectionRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder()
                        .setRequestorId(dead.leader().toByteString())
                        .setReplyId(server.getId().toByteString())
                        .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(d.getGroup().getGroupId().toByteString())))
                .setLeaderLastEntry(last.toProto())
                .build();
        try {
            StartLeaderElectionReplyProto reply = server.startLeaderElection(request);
            if (reply.getServerReply().getSuccess()) {
                elections.incrementAndGet();
                LOG.info("RAFT_LEADER_GONE leader {} refuses connections on {} (its process is gone): {} stands for "
                        + "election now instead of after the election timeout", dead.leader(), dead.address(), server.getId());
            } else {
                LOG.info("RAFT_LEADER_GONE leader {} refuses connections on {}, but this node may not stand now (it "
                        + "lacks log or its role changed); the election timeout decides", dead.leader(), dead.address());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("RAFT_LEADER_GONE leader {} refuses connections on {}; starting an election failed ({}), the "
                    + "election timeout decides", dead.leader(), dead.address(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
