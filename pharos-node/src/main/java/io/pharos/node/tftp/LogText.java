package io.pharos.node.tftp;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Text for log lines and messages: client-supplied strings made safe, addresses as operators type them. */
final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    static String safe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX) out.append("...");
        return out.toString();
    }

    /** "192.0.2.1:69" or "[2001:db8::1]:69", without the host name Java would prefix. */
    static String address(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) host = "[" + host + "]";
        return host + ":" + address.getPort();
    }
}
