package io.pharos.protocols.dhcp;

import io.pharos.protocols.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the option areas of a packet into one option per code. Instances of a code are joined in the
 * order options field, then file, then sname (RFC 3396). Overload (RFC 2132 §9.3) is honoured only from
 * the options field, at most once, so overloaded fields are each read once and cannot chain.
 */
final class OptionReader {
    static final int FILE_OVERLOADED = 1;
    static final int SNAME_OVERLOADED = 2;

    record Result(List<DhcpOption> options, int overload) {
    }

    private final byte[] buf;
    private final Map<Integer, ByteArrayOutputStream> values = new LinkedHashMap<>();
    private int overload;

    private OptionReader(byte[] buf) {
        this.buf = buf;
    }

    static Result read(byte[] buf, int optionsStart, int end) throws MalformedPacketException {
        OptionReader reader = new OptionReader(buf);
        reader.scan(optionsStart, end, "options field", true);
        if ((reader.overload & FILE_OVERLOADED) != 0) reader.scan(DhcpCodec.FILE_OFFSET, DhcpCodec.COOKIE_OFFSET, "file field", false);
        if ((reader.overload & SNAME_OVERLOADED) != 0) reader.scan(DhcpCodec.SNAME_OFFSET, DhcpCodec.FILE_OFFSET, "sname field", false);
        List<DhcpOption> options = new ArrayList<>(reader.values.size());
        reader.values.forEach((code, value) -> options.add(new DhcpOption(code, value.toByteArray())));
        return new Result(List.copyOf(options), reader.overload);
    }

    /** An area may stop without an end option if its last option ends exactly at the area's end. */
    private void scan(int start, int end, String area, boolean mayOverload) throws MalformedPacketException {
        int i = start;
        while (i < end) {
            int code = buf[i] & 0xff;
            if (code == 255) return;
            if (code == 0) {
                i++;
                continue;
            }
            if (i + 1 >= end) throw new MalformedPacketException(i, "option " + code + " has no length byte in the " + area);
            int length = buf[i + 1] & 0xff;
            int valueStart = i + 2;
            if (valueStart + length > end)
                throw new MalformedPacketException(i, "option " + code + " length " + length + " overruns the " + area
                        + " by " + (valueStart + length - end) + " bytes");
            if (code == DhcpOption.OVERLOAD) readOverload(i, length, area, mayOverload);
            else values.computeIfAbsent(code, c -> new ByteArrayOutputStream()).write(buf, valueStart, length);
            i = valueStart + length;
        }
    }

    private void readOverload(int at, int length, String area, boolean mayOverload) throws MalformedPacketException {
        if (!mayOverload)
            throw new MalformedPacketException(at, "option overload (52) inside the overloaded " + area);
        if (overload != 0) throw new MalformedPacketException(at, "option overload (52) repeated");
        int value = length == 1 ? buf[at + 2] & 0xff : 0;
        if (value < 1 || value > 3)
            throw new MalformedPacketException(at, "option overload (52) must be one byte 1, 2 or 3 (RFC 2132 §9.3)");
        overload = value;
    }
}
