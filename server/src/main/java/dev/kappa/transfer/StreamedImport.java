package dev.kappa.transfer;

import dev.kappa.error.Problems;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Drives one upload inside the caller's transaction: parse and validate record by record, COPY every good row into the
 * staging table, then the kind's SQL checks (unknown items, repeats) and its single write. Errors come in one pass
 * (issue 14): a bad line does not stop the good ones reaching the staging table, so the SQL checks still run over them
 * and one response lists bad lines of every kind, up to {@link BadLines#LIMIT}; past that the rest of the body is only
 * drained. Any failure throws, and the caller's transaction rolls back: nothing is written.
 */
final class StreamedImport {
    private static final Logger LOG = Logger.getLogger(StreamedImport.class.getName());

    private StreamedImport() {
    }

    static <R> R run(DSLContext tx, InputStream body, UploadFormat format, ImportKind<R> kind) {
        return run(tx, body, format.open(body), kind);
    }

    /** With a reader the caller opened on {@code body} (another tool's export read through {@link ToolRows}). */
    static <R> R run(DSLContext tx, InputStream body, RowReader reader, ImportKind<R> kind) {
        BadLines bad = new BadLines();
        ImportRepository.createStaging(tx, kind.staging());
        try {
            return tx.connectionResult(conn -> {
                CopyRows out = new CopyRows(ImportRepository.copyIn(conn, kind.staging()));
                long received = 0;
                long started = System.nanoTime();
                try {
                    checkHeader(reader.columns(), kind, bad);
                    for (RowReader.Row row = reader.next(); row != null; row = reader.next()) {
                        received++;
                        if (row.problem() != null) {
                            bad.add(row.line(), "line", row.problem());
                        } else {
                            write(kind, row, out, bad);
                        }
                        if (bad.full()) {
                            reader.drain();
                            break;
                        }
                    }
                } catch (CharacterCodingException e) {
                    bad.add(received + 1, "line", "is not valid UTF-8 (reading stopped here)");
                    drain(body);
                } catch (IOException e) {
                    out.cancel();
                    throw Problems.badRequest("body", "the upload could not be read: " + e.getMessage());
                }
                if (bad.full()) {
                    out.cancel();
                    throw bad.problem();
                }
                out.finish();
                long read = System.nanoTime();
                kind.check(tx, bad);
                if (bad.any()) {
                    throw bad.problem();
                }
                long checked = System.nanoTime();
                R result = kind.apply(tx, received);
                LOG.info(String.format("%s: %d records; read and copied in %d ms, checked in %d ms, written in %d ms",
                        kind.getClass().getSimpleName(), received, (read - started) / 1_000_000,
                        (checked - read) / 1_000_000, (System.nanoTime() - checked) / 1_000_000));
                return result;
            });
        } catch (DataAccessException e) {
            // Validation should catch every bad value first; this is the safety net for what only PostgreSQL knows.
            if (e.sqlState() != null && e.sqlState().startsWith("22")) {
                throw Problems.invalid("body", "a value was rejected by the database: " + firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    private static void write(ImportKind<?> kind, RowReader.Row row, CopyRows out, BadLines bad) throws java.sql.SQLException {
        Object[] values;
        try {
            values = kind.row(new UploadFields(row), row.line());
        } catch (BadField e) {
            bad.add(row.line(), e.field(), e.getMessage());
            return;
        }
        for (Object v : values) {
            if (v instanceof byte[] utf8) {
                out.bytes(utf8);
            } else if (v instanceof Number n) {
                out.number(n);
            } else {
                out.text(v == null ? null : v.toString());
            }
        }
        out.endRow();
    }

    private static void checkHeader(List<String> columns, ImportKind<?> kind, BadLines bad) {
        if (columns == null) {
            return;
        }
        for (String required : kind.requiredColumns()) {
            if (!columns.contains(required)) {
                bad.add(1, required, "the header has no '" + required + "' column");
            }
        }
        if (kind.knownColumns() != null) {
            for (String c : columns) {
                if (!kind.knownColumns().contains(c)) {
                    bad.add(1, c, "is not a known column (" + String.join(", ", kind.knownColumns()) + ")");
                }
            }
        }
    }

    private static void drain(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s);
        int i = m.indexOf('\n');
        return i > 0 ? m.substring(0, i) : m;
    }
}
