package io.pharos.node.raft;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.ratis.io.CorruptedFileException;
import org.apache.ratis.protocol.exceptions.ChecksumException;

/** Checks before the Raft server starts, and start failures translated into what the operator should do. */
final class StartProblems {
    private StartProblems() {}

    /**
     * Ratis would quietly format a second group directory next to the one of another cluster id, and this
     * node would start empty; refuse instead.
     */
    static void checkStorage(RaftSettings settings) {
        Path dir = settings.storageDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RaftStartException("cannot create the Raft storage directory " + dir + " (" + e
                    + "): check its permissions and free space, or choose another --data-dir", e);
        }
        if (!Files.isWritable(dir) || !Files.isReadable(dir))
            throw new RaftStartException("the Raft storage directory " + dir + " is not readable and writable by this "
                    + "user: fix its owner/permissions, or choose another --data-dir", null);
        String ours = settings.groupId().toString();
        List<String> others = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(StartProblems::isUuid).filter(name -> !name.equals(ours)).forEach(others::add);
        } catch (IOException e) {
            throw new RaftStartException("cannot list the Raft storage directory " + dir + " (" + e
                    + "): fix its permissions, or choose another --data-dir", e);
        }
        if (!others.isEmpty())
            throw new RaftStartException("the data directory " + settings.dataDir() + " holds the Raft log of another "
                    + "cluster (group " + others + "), not of cluster id '" + settings.clusterId() + "' (group " + ours
                    + "): start with that cluster's id, or choose another --data-dir", null);
    }

    static boolean storageExists(RaftSettings settings) {
        return Files.isDirectory(settings.storageDir().resolve(settings.groupId().toString()));
    }

    /**
     * Binding first gives the operator a clear message and spares the log Ratis's own errors; a race with
     * another process is still caught in {@link #explain}.
     */
    static void checkPort(RaftSettings settings) {
        String address = settings.address();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(RaftSettings.host(address), RaftSettings.port(address)));
        } catch (IOException e) {
            throw portProblem(settings, e);
        }
    }

    private static RaftStartException portProblem(RaftSettings settings, Throwable e) {
        String why = rootMessage(e);
        String what = why.contains("in use") ? " is in use" : " cannot be bound";
        return new RaftStartException("raft port " + settings.address() + what + " (" + why
                + "): stop the other Pharos or choose --raft-address (an address of this host, a free port)", e);
    }

    static RaftStartException explain(RaftSettings settings, Throwable e) {
        String text = allMessages(e);
        if (causedBy(e, BindException.class) || text.contains("Failed to bind") || text.contains("Address already in use"))
            return portProblem(settings, e);
        if (text.contains("already locked") || text.contains("in_use.lock") || text.contains("OverlappingFileLock"))
            return new RaftStartException("the Raft storage in " + settings.storageDir() + " is locked by another "
                    + "process: stop the other Pharos using --data-dir " + settings.dataDir() + ", or choose another", e);
        if (causedBy(e, ChecksumException.class) || causedBy(e, CorruptedFileException.class))
            return new RaftStartException("the Raft log in " + settings.storageDir() + " is damaged (" + rootMessage(e)
                    + "): in a cluster, move this node's data directory away and let it rejoin from the others; "
                    + "on a single node, restore the data directory from a backup", e);
        return new RaftStartException("the Raft node '" + settings.nodeId() + "' could not start (" + rootMessage(e)
                + "): check the log above and the data directory " + settings.dataDir(), e);
    }

    private static boolean isUuid(String name) {
        try {
            return UUID.fromString(name).toString().equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (type.isInstance(t)) return true;
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String allMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            all.append(t).append('\n');
        return all.toString();
    }
}
