package io.pharos.protocols.tftp;

import java.io.IOException;

/** The file a read transfer sends, read at any position so that a lost window can be sent again. */
public interface TransferContent {
    /** Size in octets, fixed for the whole transfer (it is announced as tsize, RFC 2349). */
    long size();

    /** Reads up to {@code length} octets at {@code position}; returns how many, or -1 past the end. */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;
}
