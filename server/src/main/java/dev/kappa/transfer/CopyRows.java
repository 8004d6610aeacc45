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
        separator();
        if (s == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                default -> put(b);
            }
        }
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

    private void flush() throws SQLException {
        if (n > 0) {
            copy.writeToCopy(buf, 0, n);
            n = 0;
        }
    }
}
