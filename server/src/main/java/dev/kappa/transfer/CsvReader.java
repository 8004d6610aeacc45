package dev.kappa.transfer;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 4180 CSV, streamed: a header row names the columns; fields may be quoted, with commas, doubled quotes and line
 * breaks inside quotes; CRLF or LF line ends; a UTF-8 BOM is ignored. Each record reports the line it starts on.
 * Input that is not UTF-8 is an error, never silently replaced.
 */
final class CsvReader implements RowReader {
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[1 << 15];
    private int pos;
    private int end;
    private boolean eof;
    private long line = 1;
    private List<String> header;
    private String headerProblem;

    /** The field separator: ',' for CSV, a tab for TSV (crowd-kit's and Toloka's exports). */
    private final char separator;

    CsvReader(InputStream stream) {
        this(stream, ',');
    }

    CsvReader(InputStream stream, char separator) {
        this.separator = separator;
        this.in = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The header's column names (read on first use); null for an empty file. */
    @Override
    public List<String> columns() throws IOException {
        if (header == null && !eof) {
            Parsed first = record();
            while (first != null && first.blank()) {
                first = record();
            }
            if (first == null) {
                return null;
            }
            List<String> names = new ArrayList<>(first.fields);
            if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                names.set(0, names.get(0).substring(1));
            }
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (n.isBlank()) {
                    headerProblem = "the header has an empty column name";
                } else if (!seen.add(n)) {
                    headerProblem = "the header repeats the column '" + n + "'";
                }
            }
            if (first.problem != null) {
                headerProblem = first.problem;
            }
            header = names;
        }
        return header;
    }

    @Override
    public Row next() throws IOException {
        if (columns() == null) {
            return null;
        }
        if (headerProblem != null) {
            String p = headerProblem;
            headerProblem = null;
            return new Row(1, null, true, p);
        }
        Parsed r = record();
        while (r != null && r.blank()) {
            r = record();
        }
        if (r == null) {
            return null;
        }
        if (r.problem != null) {
            return new Row(r.line, null, true, r.problem);
        }
        if (r.fields.size() != header.size()) {
            return new Row(r.line, null, true, "has " + r.fields.size() + " fields, but the header has " + header.size());
        }
        JsonObject o = new JsonObject();
        for (int i = 0; i < header.size(); i++) {
            o.put(header.get(i), r.fields.get(i));
        }
        return new Row(r.line, o, true, null);
    }

    @Override
    public void drain() throws IOException {
        while (in.read(buf, 0, buf.length) > 0) {
            eof = false;
        }
        eof = true;
    }

    private record Parsed(long line, List<String> fields, String problem, boolean quoted) {
        boolean blank() {
            return problem == null && !quoted && fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    /** One record, or null at the end of input. */
    private Parsed record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        boolean anyQuoted = false;
        int size = 0;
        while (true) {
            if (c == '"' && field.length() == 0) {
                anyQuoted = true;
                while (true) {
                    c = read();
                    if (c < 0) {
                        return new Parsed(startLine, fields, "has a quote that is never closed", true);
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    } else if (c == '\n') {
                        line++;
                    }
                    if (++size <= MAX_RECORD_CHARS) {
                        field.append((char) c);
                    } else {
                        problem = "is longer than " + MAX_RECORD_CHARS + " characters";
                    }
                }
                if (c >= 0 && c != separator && c != '\n' && c != '\r') {
                    problem = problem != null ? problem : "has text after a closing quote";
                    while (c >= 0 && c != separator && c != '\n' && c != '\r') {
                        c = read();
                    }
                }
            } else {
                while (c >= 0 && c != separator && c != '\n' && c != '\r') {
                    if (c == '"') {
                        problem = problem != null ? problem : "has a quote inside an unquoted field (quote the field and double the quote)";
                    }
                    if (++size <= MAX_RECORD_CHARS) {
                        field.append((char) c);
                    } else {
                        problem = "is longer than " + MAX_RECORD_CHARS + " characters";
                    }
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == separator) {
                c = read();
                if (c < 0 || c == '\n' || c == '\r') {
                    fields.add("");
                } else {
                    continue;
                }
            }
            if (c == '\r') {
                int after = read();
                if (after >= 0 && after != '\n') {
                    pos--; // a lone CR ends the record too; the char after it starts the next one
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return new Parsed(startLine, fields, problem, anyQuoted);
        }
    }

    private int read() throws IOException {
        if (pos == end) {
            if (eof) {
                return -1;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            end = n;
        }
        return buf[pos++];
    }
}
