package io.pharos.node.dhcp;

import io.pharos.protocols.dhcp.DhcpMessageType;
import io.pharos.protocols.dhcp.policy.IgnoreReason;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link DhcpStats}, shared by the receive loop and the commit completions. */
final class DhcpCounters {
    private final Map<DhcpMessageType, AtomicLong> received = new EnumMap<>(DhcpMessageType.class);
    private final Map<IgnoreReason, AtomicLong> ignored = new EnumMap<>(IgnoreReason.class);
    final AtomicLong withoutType = new AtomicLong();
    final AtomicLong offers = new AtomicLong();
    final AtomicLong acks = new AtomicLong();
    final AtomicLong naks = new AtomicLong();
    final AtomicLong informs = new AtomicLong();
    final AtomicLong releases = new AtomicLong();
    final AtomicLong declines = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong commitFailures = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong overloaded = new AtomicLong();
    /** Requests on the wildcard socket with no served interface and no advertise address to answer as. */
    final AtomicLong noServerAddress = new AtomicLong();
    /** Replies dropped because this node's leader lease ran out between deciding and sending. */
    final AtomicLong notActive = new AtomicLong();

    DhcpCounters() {
        for (DhcpMessageType type : DhcpMessageType.values()) received.put(type, new AtomicLong());
        for (IgnoreReason reason : IgnoreReason.values()) ignored.put(reason, new AtomicLong());
    }

    void received(DhcpMessageType type) {
        received.get(type).incrementAndGet();
    }

    void ignored(IgnoreReason reason) {
        ignored.get(reason).incrementAndGet();
    }

    long ignoredFor(IgnoreReason reason) {
        return ignored.get(reason).get();
    }

    DhcpStats snapshot(int pendingOffers) {
        Map<String, Long> byType = new TreeMap<>();
        received.forEach((type, count) -> byType.put(type.name().toLowerCase(Locale.ROOT), count.get()));
        byType.put("none", withoutType.get());
        Map<String, Long> byReason = new TreeMap<>();
        ignored.forEach((reason, count) -> byReason.put(reason.id(), count.get()));
        byReason.put("no-server-address", noServerAddress.get());
        byReason.put("not-active", notActive.get());
        return new DhcpStats(byType, offers.get(), acks.get(), naks.get(), informs.get(), releases.get(), declines.get(),
                byReason, malformed.get(), commitFailures.get(), sendFailures.get(), overloaded.get(), pendingOffers);
    }
}
