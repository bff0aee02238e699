package io.pharos.node.ha;

/**
 * The services only the active node runs (DHCP and TFTP), and the health of everything the active node
 * needs to serve (those sockets, HTTP, the data directory). {@link HaController} calls these from its one
 * loop thread: never concurrently, start and stop alternate.
 */
public interface ActiveServices {
    /**
     * Binds and starts the active-only services. Called once this node holds a valid lease and the VIP; an
     * exception makes the node step down so another node can serve.
     */
    void start() throws Exception;

    /** Stops them and closes their sockets; must be quick (the lease may be running out) and not throw. */
    void stop();

    /**
     * Checks, quickly (well under a second), that this node can serve: the active-only sockets are open and
     * their threads alive, HTTP answers, the data directory is writable with free space. Called about once a
     * second on a worker thread while active; two unhealthy reports in a row make the node step down.
     */
    ServiceHealth health();
}
