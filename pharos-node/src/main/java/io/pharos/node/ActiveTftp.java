package io.pharos.node;

import io.pharos.core.state.State;
import io.pharos.node.boot.BootCounters;
import io.pharos.node.boot.BootScripts;
import io.pharos.node.boot.RenderedTftpFiles;
import io.pharos.node.boot.StoreTftpFiles;
import io.pharos.node.config.NodeSettings;
import io.pharos.node.files.BlobStore;
import io.pharos.node.ha.ServiceSet;
import io.pharos.node.tftp.BootRootFileSource;
import io.pharos.node.tftp.FirstMatchFileSource;
import io.pharos.node.tftp.TftpServer;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** TFTP as an active-only service: rendered per-machine files, then the file store, then the boot root. */
final class ActiveTftp implements ServiceSet.Service {
    private final State state;
    private final BlobStore blobs;
    private final BootScripts scripts;
    private final BootCounters counters;
    private final NodeSettings settings;
    private final int httpPort;
    private final Supplier<String> advertise;
    private final BooleanSupplier mayServe;
    private final PrintStream out;
    private volatile TftpServer server;

    ActiveTftp(State state, BlobStore blobs, BootScripts scripts, BootCounters counters, NodeSettings settings,
               int httpPort, Supplier<String> advertise, BooleanSupplier mayServe, PrintStream out) {
        this.state = state;
        this.blobs = blobs;
        this.scripts = scripts;
        this.counters = counters;
        this.settings = settings;
        this.httpPort = httpPort;
        this.advertise = advertise;
        this.mayServe = mayServe;
        this.out = out;
    }

    @Override
    public String name() {
        return "tftp";
    }

    @Override
    public void start() throws Exception {
        TftpServer next = new TftpServer(settings.tftpAddress(), FirstMatchFileSource.of(
                new RenderedTftpFiles(scripts, advertise.get(), httpPort, counters),
                new StoreTftpFiles(state, blobs, counters),
                new BootRootFileSource(settings.bootRoot())), mayServe);
        next.start();
        server = next;
        out.println("  tftp  " + PharosServer.hostPort(next.localAddress()) + "/udp  (boot root "
                + settings.bootRoot() + ")");
    }

    @Override
    public void stop() {
        TftpServer current = server;
        if (current != null) current.close();
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    Object stats() {
        TftpServer current = server;
        return current == null ? "not active on this node" : current.stats();
    }
}
