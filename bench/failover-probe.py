#!/usr/bin/env python3
"""A DHCP relay-agent probe for bench/failover: one full DISCOVER-OFFER-REQUEST-ACK exchange after another,
each as a new client (a new MAC), unicast to the server address (the VIP) with giaddr = this namespace's own
address, as a relay would (RFC 2131 section 4.1). Each ACK is printed as "epochMillis ACK address mac".
A lost answer is given up after --timeout-ms, so after a failover the first ACK comes within that of the
server answering again. Stops after --seconds or when --stop-file exists.
"""
import argparse
import os
import random
import select
import socket
import struct
import sys
import time

MAGIC = b"\x63\x82\x53\x63"


def packet(kind, xid, mac, giaddr, requested=None, server_id=None):
    fixed = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 1, xid, 0, 0, bytes(4), bytes(4), bytes(4),
                        socket.inet_aton(giaddr), mac + bytes(10), b"", b"")
    options = MAGIC + bytes([53, 1, kind])
    if requested:
        options += bytes([50, 4]) + socket.inet_aton(requested)
    if server_id:
        options += bytes([54, 4]) + socket.inet_aton(server_id)
    options += b"\xff"
    data = fixed + options
    return data + bytes(max(0, 300 - len(data)))


def parse(data):
    """(xid, yiaddr, message type, server id) of a BOOTREPLY, or None."""
    if len(data) < 244 or data[0] != 2 or data[236:240] != MAGIC:
        return None
    xid = struct.unpack("!I", data[4:8])[0]
    yiaddr = socket.inet_ntoa(data[16:20])
    kind, server_id, i = None, None, 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        code, length = data[i], data[i + 1]
        value = data[i + 2:i + 2 + length]
        if code == 53 and length == 1:
            kind = value[0]
        elif code == 54 and length == 4:
            server_id = socket.inet_ntoa(value)
        i += 2 + length
    return xid, yiaddr, kind, server_id


def await_reply(sock, xid, deadline):
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([sock], [], [], left)
        if not ready:
            return None
        reply = parse(sock.recv(4096))
        if reply and reply[0] == xid:
            return reply


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--giaddr", required=True)
    ap.add_argument("--mac-byte", type=int, default=0xB0, help="second byte of every MAC (keeps runs apart)")
    ap.add_argument("--timeout-ms", type=int, default=150)
    ap.add_argument("--interval-ms", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--stop-file", required=True)
    args = ap.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.giaddr, 67))
    end = time.monotonic() + args.seconds
    timeout = args.timeout_ms / 1000
    n = 0
    while time.monotonic() < end and not os.path.exists(args.stop_file):
        n += 1
        mac = bytes([0x02, args.mac_byte]) + n.to_bytes(4, "big")
        xid = random.getrandbits(32)
        sock.sendto(packet(1, xid, mac, args.giaddr), (args.server, 67))
        offer = await_reply(sock, xid, time.monotonic() + timeout)
        if not offer or offer[2] != 2:
            continue
        sock.sendto(packet(3, xid, mac, args.giaddr, offer[1], offer[3]), (args.server, 67))
        ack = await_reply(sock, xid, time.monotonic() + timeout)
        if ack and ack[2] == 5:
            print(f"{int(time.time() * 1000)} ACK {ack[1]} {mac.hex(':')}", flush=True)
            time.sleep(args.interval_ms / 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
