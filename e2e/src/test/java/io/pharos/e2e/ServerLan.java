package io.pharos.e2e;

/**
 * The common lab: one switch "lan0", a server namespace whose eth0 has 10.213.0.1/24 and runs Pharos,
 * and client namespaces plugged into the same switch on demand.
 */
public final class ServerLan implements AutoCloseable {
    public static final String SERVER_IP = "10.213.0.1";
    public static final String BRIDGE = "lan0";

    private final NetnsLab lab;
    private final String server;
    private PharosProcess pharos;

    private ServerLan(NetnsLab lab, String server) {
        this.lab = lab;
        this.server = server;
    }

    /** Builds the lab and starts Pharos answering on eth0; extra `pharos serve` flags may be given. */
    public static ServerLan start(String... serveArgs) {
        NetnsLab lab = NetnsLab.create();
        try {
            lab.bridge(BRIDGE);
            String server = lab.namespace("srv");
            lab.plug(server, "eth0", BRIDGE, "02:13:00:00:00:01");
            lab.address(server, "eth0", SERVER_IP + "/24");
            ServerLan lan = new ServerLan(lab, server);
            String[] args = new String[serveArgs.length + 4];
            args[0] = "--advertise-address";
            args[1] = SERVER_IP;
            args[2] = "--dhcp-interfaces";
            args[3] = "eth0";
            System.arraycopy(serveArgs, 0, args, 4, serveArgs.length);
            lan.pharos = PharosProcess.start(lab, server, args);
            return lan;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    public NetnsLab lab() {
        return lab;
    }

    public String serverNamespace() {
        return server;
    }

    public PharosProcess pharos() {
        return pharos;
    }

    public PharosApi api() {
        return pharos.api();
    }

    /** A client namespace whose eth0 (with this MAC, or a random one when null) is on the switch, no address. */
    public String client(String role, String mac) {
        String ns = lab.namespace(role);
        lab.plug(ns, "eth0", BRIDGE, mac);
        return ns;
    }

    @Override
    public void close() {
        try {
            if (pharos != null) pharos.close();
        } finally {
            lab.close();
        }
    }
}
