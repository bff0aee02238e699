package io.pharos.node.dhcp;

import java.net.InetSocketAddress;

/**
 * Where a request came from and in on: the socket, the sender, and the serving interface address it is
 * attributed to (the socket's own, or for the wildcard socket {@link InterfaceAttribution}'s choice;
 * null when nothing is served directly).
 */
record Arrival(DhcpSockets.Endpoint endpoint, InetSocketAddress from, ServingAddress servingAddress) {}
