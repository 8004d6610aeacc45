package dev.kappa.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding them (JSON parsers read UTF-8 bytes directly). A line longer than
 * {@link #MAX_LINE} is reported, not buffered, so one huge line cannot exhaust the heap.
 */
final class LineSplitter {
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private long number;
    private boolean first = true;

    LineSplitter(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (start == end) {
                if (eof || !fill()) {
                    eof = true;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int nl = -1;
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? end : nl;
            append(start, stop - start);
            start = nl < 0 ? end : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (first) {
            first = false;
            if (length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                System.arraycopy(line, 3, line, 0, length - 3);
                length -= 3;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    private void append(int from, int n) {
        if (tooLong || n == 0) {
            return;
        }
        if (length + n > MAX_LINE) {
            tooLong = true;
            return;
        }
        if (length + n > line.length) {
            byte[] bigger = new byte[Math.min(MAX_LINE, Math.max(line.length * 2, length + n))];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    boolean tooLong() {
        return tooLong;
    }

    long number() {
        return number;
    }

    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    void drain() throws IOException {
        while (fill()) {
            start = end;
        }
        eof = true;
    }
}
