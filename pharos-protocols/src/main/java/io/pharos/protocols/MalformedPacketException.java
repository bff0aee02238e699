package io.pharos.protocols;

/**
 * The one error a codec raises for bad input: where in the packet it went wrong and why.
 * Listeners count it, log it and drop the packet; the server loop never dies of input.
 */
public final class MalformedPacketException extends Exception {
    private final int offset;
    private final String reason;

    public MalformedPacketException(int offset, String reason) {
        super(reason + " at offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
