package io.pharos.node.raft;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * An idle TCP connection held open to a peer's port, to learn at once when the process behind it dies: the
 * kernel closes a dead process's sockets, so the held connection ends within milliseconds of a crash and
 * costs nothing until then. A live peer may end it too (a gRPC server drops a connection that never
 * speaks after two minutes), so an end is only a reason to look again: {@link #open} tells a refused port
 * (nothing listens: the process is gone) from a live one.
 */
final class HeldConnection implements AutoCloseable {
    /** What opening a connection found. */
    enum Opening { HELD, REFUSED, NO_ANSWER }

    private final InetSocketAddress address;
    private final byte[] discard = new byte[256];
    private Socket socket;

    HeldConnection(InetSocketAddress address) {
        this.address = address;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Connects (again); HELD leaves the connection open for {@link #endsWithin}. */
    Opening open(Duration timeout) {
        close();
        Socket s = new Socket();
        try {
            // Closed with a reset: a connection this node drops leaves no socket behind in TIME_WAIT.
            s.setSoLinger(true, 0);
            s.connect(address, (int) timeout.toMillis());
            socket = s;
            return Opening.HELD;
        } catch (ConnectException e) {
            closeQuietly(s);
            boolean refused = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("refused");
            return refused ? Opening.REFUSED : Opening.NO_ANSWER;
        } catch (IOException e) {
            closeQuietly(s);
            return Opening.NO_ANSWER;
        }
    }

    boolean isOpen() {
        return socket != null;
    }

    /**
     * Waits up to {@code wait} for the peer to end the connection (close or reset); whatever it sends
     * meanwhile (a gRPC server greets with its settings) is read and dropped. True when it ended.
     */
    boolean endsWithin(Duration wait) {
        if (socket == null) return true;
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            InputStream in = socket.getInputStream();
            if (in.read(discard) >= 0) return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset, or the socket failed: ended either way.
        }
        close();
        return true;
    }

    @Override
    public void close() {
        if (socket == null) return;
        closeQuietly(socket);
        socket = null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing to do: the connection is gone either way.
        }
    }
}
