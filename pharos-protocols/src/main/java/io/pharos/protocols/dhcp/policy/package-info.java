/**
 * The DHCPv4 server's decisions, without sockets or clocks: {@link io.pharos.protocols.dhcp.policy.DhcpPolicy}
 * turns a decoded request, the replicated state and "now" into a
 * {@link io.pharos.protocols.dhcp.policy.Decision}: reply now, commit then reply, commit only, or ignore.
 *
 * <p>Why it is shaped this way: a lease is only real once its BindLease is committed (invariant 2), so
 * an ACK is a decision to commit first and reply after; the adapter owns the waiting. Offers are not
 * replicated: they live a few seconds in {@link io.pharos.protocols.dhcp.policy.PendingOffers} on the
 * leader, together with addresses whose commit is in flight, so that concurrent clients are never handed
 * the same address while the log catches up. Whatever the leader decides, apply refuses a second client
 * on a held address (invariant 3), and the refusal becomes a NAK.
 *
 * <p>Addresses are chosen by {@link io.pharos.protocols.dhcp.policy.AddressAllocator}: fixed address,
 * current offer, previous lease, requested address, then a cursor over the ranges.
 */
package io.pharos.protocols.dhcp.policy;
