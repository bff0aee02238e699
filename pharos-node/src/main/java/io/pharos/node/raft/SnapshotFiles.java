package io.pharos.node.raft;

import io.pharos.core.state.StateSnapshot;
import io.pharos.node.codec.SnapshotCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Snapshot files in the Ratis state machine directory, named as {@link SimpleStateMachineStorage} expects
 * ({@code snapshot.<term>_<index>} plus {@code .md5}), so that Ratis can list, ship to a joining follower,
 * and clean them up. Ratis purges the log up to a snapshot once takeSnapshot returns, so a snapshot must be
 * on disk for good before that: written to a temporary file, fsynced, renamed, and the directory fsynced.
 */
final class SnapshotFiles {
    private static final String UNFINISHED = ".writing";
    private final SimpleStateMachineStorage storage;

    SnapshotFiles(SimpleStateMachineStorage storage) {
        this.storage = storage;
    }

    SingleFileSnapshotInfo write(StateSnapshot state, TermIndex last) throws IOException {
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path dir = target.toPath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(target.getName() + UNFINISHED);
        MessageDigest md5 = newMd5();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), md5);
            SnapshotCodec.write(out, last.getTerm(), last.getIndex(), state);
            out.flush();
            channel.force(true);
        }
        MD5Hash digest = MD5Hash.newInstance(md5.digest());
        MD5FileUtil.saveMD5File(target, digest);
        Files.move(temp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        SingleFileSnapshotInfo info = new SingleFileSnapshotInfo(new FileInfo(target.toPath(), digest), last);
        storage.updateLatestSnapshot(info);
        return info;
    }

    /** Removes temporary files a crash left behind in the middle of writing a snapshot. */
    void deleteUnfinished() throws IOException {
        Path dir = storage.getSnapshotFile(0, 0).toPath().getParent();
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.newDirectoryStream(dir, "*" + UNFINISHED)) {
            for (Path file : files) Files.deleteIfExists(file);
        }
    }

    /** Reads and checks a snapshot file; the MD5 is checked when Ratis found one next to it. */
    static SnapshotCodec.Loaded read(SingleFileSnapshotInfo info) throws IOException {
        Path path = info.getFile().getPath();
        MD5Hash expected = info.getFile().getFileDigest();
        if (expected != null) MD5FileUtil.verifySavedMD5(path.toFile(), expected);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            SnapshotCodec.Loaded loaded = SnapshotCodec.read(in);
            if (loaded.index() != info.getIndex() || loaded.term() != info.getTerm())
                throw new IOException("snapshot " + path + " holds term " + loaded.term() + " index " + loaded.index()
                        + " but its name says " + info.getTermIndex() + "; move the file away and restart");
            return loaded;
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
        }
    }
}
