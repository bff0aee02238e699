package io.pharos.node.ha;

import io.pharos.core.model.ClusterSettings;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.ha.HaEffect.AddVip;
import io.pharos.node.ha.HaEffect.AnnounceArp;
import io.pharos.node.ha.HaEffect.CheckHealth;
import io.pharos.node.ha.HaEffect.ConfirmLease;
import io.pharos.node.ha.HaEffect.DropVip;
import io.pharos.node.ha.HaEffect.FeedWatchdog;
import io.pharos.node.ha.HaEffect.Log;
import io.pharos.node.ha.HaEffect.RenewVip;
import io.pharos.node.ha.HaEffect.RunFence;
import io.pharos.node.ha.HaEffect.StartServices;
import io.pharos.node.ha.HaEffect.StopServices;
import io.pharos.node.ha.HaEffect.TransferLeadership;
import io.pharos.node.raft.RaftNode;
import io.pharos.node.raft.RaftRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role controller: one thread that feeds the {@link Failover} step function with Raft roles, lease
 * results, health reports, operator requests and ticks, and performs the effects it returns. Quick effects
 * (ip, the watchdog pipe, starting and stopping services) run on that thread in order; slow ones (lease rounds,
 * health checks, the fence command, leadership transfer) run elsewhere and report back as events.
 */
public final class HaController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaController.class);

    private final HaRaft raft;
    private final ActiveServices services;
    private final VipActuator vip;
    private final Path haDir;
    private final FenceRunner fence;
    private final Supplier<ClusterSettings> cluster;
    private final HaTiming timing;
    private final LongSupplier clock;
    private final Failover failover;
    private final boolean vipManaged;
    private final BlockingQueue<HaEvent> queue = new LinkedBlockingQueue<>();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pharos-ha-worker-", 0).factory());
    private final Thread loop;
    private VipWatchdog watchdog;
    private RaftRole lastRole;
    private boolean warnedUnmanaged;
    private volatile HaState published = HaState.PASSIVE;
    private volatile OptionalLong servingDeadline = OptionalLong.empty();
    private Runnable onLoopFailure = () -> { };
    /** EX_SOFTWARE of sysexits.h: an internal error. */
    static final int LOOP_FAILED_EXIT_STATUS = 70;

    /**
     * @param haDir   where the watchdog script and its log live (DATA/ha)
     * @param cluster the replicated cluster settings, read every tick: the VIP may be set or changed at runtime
     * @param clock   monotonic nanoseconds ({@code System::nanoTime})
     */
    public HaController(HaRaft raft, ActiveServices services, VipActuator vip, Path haDir, String fenceCommand,
                        Supplier<ClusterSettings> cluster, HaTiming timing, LongSupplier clock) {
        this.raft = raft;
        this.services = services;
        this.vip = vip;
        this.haDir = haDir;
        this.fence = new FenceRunner(fenceCommand, raft.nodeId(), timing.fenceTimeout());
        this.cluster = cluster;
        this.timing = timing;
        this.clock = clock;
        this.failover = new Failover(timing, raft.nodeId(), fence.configured(), clock.getAsLong());
        this.vipManaged = vip.mode() == VipActuator.Mode.HOOK
                || (vip.mode() == VipActuator.Mode.KERNEL && !vip.iface().isBlank());
        this.loop = Thread.ofPlatform().name("pharos-ha").daemon().unstarted(this::run);
    }

    /** The controller of a node as configured: its data directory, --vip-* and --fence-command, default timing. */
    public static HaController create(RaftNode raft, ActiveServices services, NodeSettings settings) {
        HaController controller = new HaController(HaRaft.of(raft), services,
                VipActuator.from(settings.cluster(), HaTiming.DEFAULT), settings.dataDir().resolve("ha"),
                settings.cluster().fenceCommand(), () -> raft.state().cluster(), HaTiming.DEFAULT, System::nanoTime);
        // From another thread: the shutdown hooks it runs wait for this loop to end.
        controller.onLoopFailure(() -> Thread.ofPlatform().name("pharos-exit")
                .start(() -> System.exit(LOOP_FAILED_EXIT_STATUS)));
        return controller;
    }

    /** What to do after the loop failed and stood down (the server ends the process); set before {@link #start}. */
    void onLoopFailure(Runnable action) {
        this.onLoopFailure = action;
    }

    /**
     * Removes a stale VIP, starts the watchdog and the loop. Until this returns the node serves nothing; after,
     * it serves once it leads with a valid lease.
     *
     * @throws IOException the watchdog cannot start (bash missing, DATA/ha not writable)
     */
    public void start() throws IOException {
        // A node without a VIP (the single-node default) needs no VIP settings; line up the check with use.
        if (Vip.of(cluster.get()).isPresent() || vip.mode() == VipActuator.Mode.HOOK)
            for (String problem : vip.problems()) LOG.error("HA_CONFIG_INVALID {}", problem);
        if (vipManaged) {
            Vip.of(cluster.get()).ifPresent(vip::removeStale);
            watchdog = VipWatchdog.start(haDir, vip.mode(), vip.iface(), vip.hook(), vip.commandPrefix());
        }
        raft.onRoleChange(role -> queue.offer(new HaEvent.RoleChanged(role, raft.leaderId().orElse(null))));
        loop.start();
    }

    /** This node's failover state, kebab-case, as logs name it. */
    public String state() {
        return published.label();
    }

    public HaState haState() {
        return published;
    }

    /**
     * True while this node may answer as the active one. Services may check it right before each reply, so that
     * a node frozen and woken (SIGCONT) never answers on a stale lease, even before the loop has stopped them.
     */
    public boolean mayServe() {
        OptionalLong deadline = servingDeadline;
        return deadline.isPresent() && deadline.getAsLong() - clock.getAsLong() > 0;
    }

    /** Operator switchover away from this node (SIGUSR2, the API): hand leadership to the most caught-up peer. */
    public void stepDown(String source) {
        queue.offer(new HaEvent.StepDownRequested(source));
    }

    /** Operator switchover to this node (SIGUSR1, the API): ask the leader to hand leadership here. */
    public void requestActive(String source) {
        queue.offer(new HaEvent.ActiveRequested(source));
    }

    private void run() {
        long tick = timing.tick().toNanos();
        long lastTick = clock.getAsLong() - tick;
        try {
            while (true) {
                HaEvent event = queue.poll(timing.tick().toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) handle(event);
                if (event instanceof HaEvent.Shutdown) return;
                long now = clock.getAsLong();
                if (now - lastTick >= tick) {
                    lastTick = now;
                    RaftRole role = raft.role();
                    if (role != lastRole) handle(new HaEvent.RoleChanged(role, raft.leaderId().orElse(null)));
                    handle(new HaEvent.Tick(wantedVip()));
                }
            }
        } catch (InterruptedException e) {
            handle(new HaEvent.Shutdown());
        } catch (RuntimeException | Error e) {
            // A leader without its role controller would hold Raft leadership and never serve: no other node
            // could take over. So it stands down and the process ends; Raft elects another leader.
            LOG.error("HA_LOOP_FAILED the role controller stopped ({}); this node stands down and exits (status {}) so"
                    + " that another node takes over: this is a Pharos bug, please report it with this log, then start"
                    + " the node again", e.toString(), LOOP_FAILED_EXIT_STATUS, e);
            try {
                handle(new HaEvent.Shutdown());
            } finally {
                onLoopFailure.run();
            }
        }
    }

    private void handle(HaEvent first) {
        Deque<HaEvent> events = new ArrayDeque<>();
        events.add(first);
        while (!events.isEmpty()) {
            HaEvent event = events.poll();
            if (event instanceof HaEvent.RoleChanged r) lastRole = r.role();
            boolean skipAcquiring = false;
            for (HaEffect effect : failover.step(clock.getAsLong(), event)) {
                publish();
                if (effect.acquires() && (skipAcquiring || !failover.mayServe(clock.getAsLong()))) {
                    // Time passed since the step (a freeze, a slow ip call): look at the clock again first.
                    if (!skipAcquiring) events.add(new HaEvent.Tick(wantedVip()));
                    skipAcquiring = true;
                    continue;
                }
                int before = events.size();
                perform(effect, events);
                // Once the VIP or a service failed to come up, nothing more is taken in this step.
                if (events.size() > before && events.peekLast() instanceof HaEvent.EffectFailed) skipAcquiring = true;
            }
            publish();
        }
    }

    private void publish() {
        published = failover.state();
        servingDeadline = failover.servingDeadline();
    }

    private void perform(HaEffect effect, Deque<HaEvent> followUps) {
        switch (effect) {
            case ConfirmLease c -> raft.confirmLeadership()
                    .orTimeout(2 * timing.leaseDuration().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ok, failure) -> queue.offer(failure == null ? new HaEvent.LeaseConfirmed(c.startedAt())
                            : new HaEvent.LeaseFailed(c.startedAt(), failure.toString())));
            case FeedWatchdog f -> {
                long millis = (f.holdUntil() - clock.getAsLong()) / 1_000_000;
                if (watchdog != null && millis > 0) watchdog.hold(f.vip(), millis);
            }
            case AddVip a -> vipCall(a, () -> vip.add(a.vip()), followUps);
            case RenewVip r -> vipCall(r, () -> vip.renew(r.vip()), followUps);
            case DropVip d -> {
                if (watchdog != null) watchdog.release();
                try {
                    vip.drop(d.vip());
                } catch (VipActuator.VipException e) {
                    // Logged with its fix by the actuator; the kernel's lifetime removes the address anyway.
                }
            }
            case AnnounceArp a -> vip.announce(a.vip());
            case StartServices s -> {
                try {
                    services.start();
                    followUps.add(new HaEvent.ServicesStarted());
                } catch (Exception e) {
                    LOG.error("HA_SERVICES_START_FAILED {}: see the service's own message above", e.toString());
                    followUps.add(new HaEvent.EffectFailed(s, e.toString()));
                }
            }
            case StopServices s -> {
                try {
                    services.stop();
                } catch (RuntimeException e) {
                    LOG.error("HA_SERVICES_STOP_FAILED {}: a service may still hold its socket; restart the node "
                            + "if it keeps answering", e.toString(), e);
                }
            }
            case CheckHealth c -> CompletableFuture.supplyAsync(services::health, workers)
                    .completeOnTimeout(ServiceHealth.of(new ServiceHealth.Problem("health-check", "did not answer within "
                            + timing.healthInterval().toMillis() + " ms")), timing.healthInterval().toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> ServiceHealth.of(new ServiceHealth.Problem("health-check", e.toString())))
                    .thenAccept(health -> queue.offer(new HaEvent.HealthReported(health)));
            case RunFence f -> {
                String vipText = wantedVip().map(Vip::cidr).orElse("");
                workers.execute(() -> queue.offer(fence.run(f.episode(), f.oldActive(), vipText)));
            }
            case TransferLeadership t -> workers.execute(() -> queue.offer(transfer(t)));
            case Log l -> LOG.atLevel(l.level()).log("{} {}", l.id(), l.message());
        }
    }

    private HaEvent.TransferFinished transfer(TransferLeadership t) {
        try {
            if (t.target().isPresent()) raft.requestLeadership(timing.stepDownTimeout());
            else raft.handOver(timing.stepDownTimeout());
            return new HaEvent.TransferFinished(t.episode(), true, "leadership handed over");
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            return new HaEvent.TransferFinished(t.episode(), false, "leadership transfer failed: " + why);
        }
    }

    private interface VipCall {
        void run() throws VipActuator.VipException;
    }

    private void vipCall(HaEffect effect, VipCall call, Deque<HaEvent> followUps) {
        try {
            call.run();
        } catch (VipActuator.VipException e) {
            followUps.add(new HaEvent.EffectFailed(effect, e.getMessage()));
        }
    }

    private Optional<Vip> wantedVip() {
        Optional<Vip> wanted = Vip.of(cluster.get());
        if (wanted.isPresent() && !vipManaged && vip.mode() != VipActuator.Mode.NONE && !warnedUnmanaged) {
            warnedUnmanaged = true;
            LOG.warn("HA_VIP_UNMANAGED the cluster's VIP {} is set but this node has no --vip-interface: it will not "
                    + "hold the VIP when active; set --vip-interface, or --vip-mode none behind a balancer", wanted.get());
        }
        return vipManaged ? wanted : Optional.empty();
    }

    /** Stands down (drops the VIP, stops the services), then stops the watchdog; bounded to a few seconds. */
    @Override
    public void close() {
        if (loop.isAlive()) {
            queue.offer(new HaEvent.Shutdown());
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (loop.isAlive()) {
                LOG.warn("HA_CLOSE_SLOW the role controller did not stop within 5 s; interrupting it");
                loop.interrupt();
            }
        }
        workers.shutdownNow();
        if (watchdog != null) watchdog.close();
        vip.close();
    }
}
