/**
 * High availability: which node is active, its leader lease, the virtual IP, fencing and switchover.
 *
 * <h2>Shape</h2>
 * {@link io.pharos.node.ha.Failover} is a pure step function (STYLE rule 9, after etcd's raft): it takes the
 * monotonic time and one {@link io.pharos.node.ha.HaEvent} and returns {@link io.pharos.node.ha.HaEffect}s.
 * {@link io.pharos.node.ha.HaController} is the loop around it: it feeds Raft roles, lease results, health
 * reports, operator requests and a tick every 10 ms, and performs the effects with
 * {@link io.pharos.node.ha.VipActuator} (ip, hook or none), {@link io.pharos.node.ha.VipWatchdog} (a separate
 * process), {@link io.pharos.node.ha.ActiveServices} (DHCP and TFTP) and the Raft node.
 *
 * <h2>The lease (ARCHITECTURE invariant 1)</h2>
 * The leader starts a round every 50 ms: a no-op entry committed through its own Raft server, never
 * redirected. A round started at t0 that commits proves a majority heard from this leader at or after t0; the
 * lease then holds until t0 + 250 ms. Safety rests on the new leader's wait, not on Ratis's timers:
 * <ol>
 *   <li>every round the old leader got confirmed started before the new leader's election: a majority
 *       acknowledged the round in the old term and another majority voted in the new one; a node in both
 *       acknowledged first, since after voting it refuses the old term;</li>
 *   <li>so a new leader that waits 350 ms (lease + grace) after its election before it serves cannot overlap
 *       the old lease; the grace covers the old node's watchdog running {@code ip addr del}.</li>
 * </ol>
 * The lease being shorter than the 300 ms minimum election timeout keeps elections from happening while it is
 * good: Ratis grants a pre-vote only when the voter has not heard from its leader for that long
 * (VoteContext.checkLeader).
 * The active stops serving and drops the VIP 40 ms before its lease ends, unless a later round extended it.
 * Ratis's own ReadIndex or leader lease is not used: they can answer without a fresh round (see
 * io.pharos.node.raft.RaftLeadership).
 *
 * <h2>States</h2>
 * Each is one {@link io.pharos.node.ha.HaState}, named alike in logs, the API and the scenario tests.
 * <dl>
 *   <dt>{@code passive}</dt>
 *   <dd><b>Entered when</b> the node starts; it lost leadership or its lease; a step-down ended.
 *       <b>Does</b> hold nothing: on entry drops the VIP and stops DHCP/TFTP if it had them; a switchover
 *       request (SIGUSR1) asks the leader to hand leadership here.
 *       <b>Leaves when</b> the node is leader-ready (and a hold-off after a failed step-down is over) →
 *       {@code fencing}.</dd>
 *   <dt>{@code fencing}</dt>
 *   <dd><b>Entered when</b> this node became leader-ready while passive.
 *       <b>Does</b> renew its lease; runs --fence-command against the previous leader when set (retrying every
 *       5 s on failure); waits 350 ms from entry for the old active's lease and VIP to be surely gone.
 *       <b>Leaves when</b> fenced, waited and the lease is valid → {@code activating}; leadership lost →
 *       {@code passive}; no lease confirmed for 5 s, or an operator asks → {@code stepping-down}.</dd>
 *   <dt>{@code activating}</dt>
 *   <dd><b>Entered when</b> fencing is done with a valid lease.
 *       <b>Does</b> tells the watchdog, adds the VIP (kernel lifetime 3 s), starts DHCP and TFTP.
 *       <b>Leaves when</b> the services started → {@code active}; adding the VIP or starting a service failed →
 *       {@code stepping-down}; the lease runs out or leadership is lost → {@code passive}.</dd>
 *   <dt>{@code active}</dt>
 *   <dd><b>Entered when</b> the services started.
 *       <b>Does</b> sends gratuitous ARP (3, 1 s apart); renews the lease every 50 ms and feeds the watchdog
 *       with each renewal; renews the VIP's lifetime every second; checks service health every second;
 *       follows a VIP changed in the cluster settings.
 *       <b>Leaves when</b> the lease is 40 ms from its end, or leadership is lost → {@code passive} (VIP
 *       dropped, services stopped first); two unhealthy reports in a row, the VIP cannot be renewed, or an
 *       operator asks (SIGUSR2) → {@code stepping-down}.</dd>
 *   <dt>{@code stepping-down}</dt>
 *   <dd><b>Entered when</b> the active must hand over (operator, health, failed activation, no lease).
 *       <b>Does</b> drops the VIP and stops the services first, then transfers Raft leadership to the most
 *       caught-up other voter.
 *       <b>Leaves when</b> another node leads → {@code passive}; the transfer failed or took 3 s (no other voter,
 *       none caught up) → {@code passive} with a 2 s hold-off, after which it serves again if it still leads.</dd>
 *   <dt>{@code stopped}</dt>
 *   <dd><b>Entered when</b> the node shuts down. <b>Does</b> drops the VIP, stops the services. <b>Leaves</b>
 *       never.</dd>
 * </dl>
 *
 * <h2>When the JVM cannot act</h2>
 * A frozen JVM (SIGSTOP, a long pause) cannot drop anything, so three layers stand between a stale node and
 * the VIP: the watchdog process, fed "hold N ms" with each renewal, runs {@code ip addr del} when a hold runs
 * out or its stdin closes (kill -9); the kernel removes the address when its valid_lft (3 s) passes without a
 * renewal; and {@link io.pharos.node.ha.HaController#mayServe()} lets services refuse to answer on a lease
 * that ran out, before the loop has stopped them. On waking, the step function sees the lease over and goes
 * passive before anything else; lease rounds started before the freeze cannot revive it.
 */
package io.pharos.node.ha;
