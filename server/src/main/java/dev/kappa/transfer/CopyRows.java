package dev.kappa.transfer;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Writes rows to a COPY ... FROM STDIN in PostgreSQL's text format, through a 64 KiB buffer. Text is escaped byte by
 * byte: backslash, tab, newline and carriage return never occur inside a multi-byte UTF-8 sequence.
 */
final class CopyRows {
    private final CopyIn copy;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private boolean rowStarted;
    private long rows;

    CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    CopyRows text(String s) throws SQLException {
        if (s == null) {
            separator();
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 text, escaped for COPY; unescaped runs are copied in bulk. */
    CopyRows bytes(byte[] b) throws SQLException {
        separator();
        int run = 0;
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                putAll(b, run, i - run);
                put((byte) '\\');
                put(c == '\\' ? (byte) '\\' : c == '\t' ? (byte) 't' : c == '\n' ? (byte) 'n' : (byte) 'r');
                run = i + 1;
            }
        }
        putAll(b, run, b.length - run);
        return this;
    }

    CopyRows number(Number v) throws SQLException {
        return text(v == null ? null : v.toString());
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        rowStarted = false;
        rows++;
    }

    long rows() {
        return rows;
    }

    void finish() throws SQLException {
        flush();
        copy.endCopy();
    }

    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back next; a failed cancel changes nothing about that.
        }
    }

    private void separator() throws SQLException {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void put(byte b) throws SQLException {
        if (n == buf.length) {
            flush();
        }
        buf[n++] = b;
    }

    private void putAll(byte[] b, int off, int len) throws SQLException {
        while (len > 0) {
            if (n == buf.length) {
                flush();
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    private void flush() throws SQLException {
        if (n > 0) {
            copy.writeToCopy(buf, 0, n);
            n = 0;
        }
    }
}
