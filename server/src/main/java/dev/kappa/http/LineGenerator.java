package dev.kappa.http;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Jackson's streaming generator, configured as the record mapper, appending to a StringBuilder: a streamed
 * response's pending chunk, which the stream sends as UTF-8 once it holds about 64 KiB. It writes no separator
 * between root values (the stream adds each line's newline) and nothing until {@link JsonGenerator#flush()}, which the
 * stream calls at the end of every line. A char-based generator, so text is escaped and encoded exactly as
 * {@link RecordJson#encode} and Vert.x's {@code encode()} do (characters beyond the BMP stay raw UTF-8).
 */
public final class LineGenerator {
    private LineGenerator() {
    }

    public static JsonGenerator into(StringBuilder sb) {
        try {
            JsonGenerator g = RecordJson.MAPPER.createGenerator(new Writer() {
                @Override
                public void write(char[] c, int off, int len) {
                    sb.append(c, off, len);
                }

                @Override
                public void write(String s, int off, int len) {
                    sb.append(s, off, off + len);
                }

                @Override
                public void write(int c) {
                    sb.append((char) c);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A double, or null when it is not finite: a stream never carries NaN. */
    public static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    /** One line's writer: the value it writes, the stream ends the line. */
    @FunctionalInterface
    public interface Line {
        void write(JsonGenerator g) throws IOException;
    }
}
