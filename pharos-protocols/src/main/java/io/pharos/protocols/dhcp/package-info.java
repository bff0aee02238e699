/**
 * DHCPv4 wire codec and option catalog, pure: no sockets, clocks or peers.
 *
 * <p>{@link io.pharos.protocols.dhcp.DhcpCodec} turns bytes into a {@link io.pharos.protocols.dhcp.DhcpMessage}
 * and back. Options stay raw ({@link io.pharos.protocols.dhcp.DhcpOption}: code and bytes) so unknown ones
 * survive untouched; typed readers on the message interpret the few the server decides on. Wire-layout
 * mechanisms are the codec's alone: split options (RFC 3396) are joined on decode and re-split on encode,
 * and overloaded sname/file (RFC 2132 §9.3) are read on decode but never written, so a message holds each
 * code once and never option 52. Fitting a reply to the client's option 57 drops optional options rather
 * than overloading; at the 576-byte floor that still leaves 307 bytes of options.
 *
 * <p>{@link io.pharos.protocols.dhcp.DhcpOptionCatalog} maps operator text (names or numbers with typed
 * values) to options and back, with messages that say what to fix.
 */
package io.pharos.protocols.dhcp;
