/**
 * The DHCPv4 server's UDP adapter: sockets, threads, commits and counters around the pure decisions of
 * {@link io.pharos.protocols.dhcp.policy.DhcpPolicy}.
 *
 * <p>Sockets. Java has neither IP_PKTINFO nor SO_BINDTODEVICE, so the interface of a request is learnt
 * from the socket it arrived on: a wildcard socket for broadcasts plus one socket per served interface
 * address (all SO_REUSEADDR on the same port). A broadcast is attributed to the only served interface, or
 * the only one with a subnet; with several, DHCP_AMBIGUOUS_INTERFACE is logged at start and relays are the
 * answer. Broadcast replies leave through the interface address's socket, which makes Linux send them out
 * of that interface without any route to 255.255.255.255.
 *
 * <p>Threads. One receive thread decodes, decides and sends OFFERs and NAKs; allocation is race-free
 * because only it decides. A binding's ACK is sent from the completion of its commit, on the thread that
 * completes it (no further hand-off: one wake-up per committed batch, not per lease), so the receive loop
 * never waits and many commits travel together (the log batches them). A commit that
 * fails or times out gets no reply: the client retries, and is counted.
 *
 * <p>Lifecycle. {@link io.pharos.node.dhcp.DhcpServer#start} and {@link io.pharos.node.dhcp.DhcpServer#stop}
 * follow this node's active role; counters survive restarts, offer holds do not.
 */
package io.pharos.node.dhcp;
