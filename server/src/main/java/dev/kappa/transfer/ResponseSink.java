package dev.kappa.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kappa.http.LineGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A chunked response written from a worker thread, with back-pressure: text is gathered into ~64 KiB chunks, and
 * when the connection's write queue is full the worker waits for the drain handler, so a slow client slows the
 * database cursor instead of filling the heap. A client that goes away, or reads nothing for a minute, ends the
 * export with an IOException.
 */
final class ResponseSink {
    private static final int CHUNK = 1 << 16;
    private static final long STALL_SECONDS = 60;

    private final HttpServerResponse response;
    private final StringBuilder pending = new StringBuilder(CHUNK + 4096);
    private JsonGenerator json;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> drained;

    ResponseSink(HttpServerResponse response) {
        this.response = response;
        response.closeHandler(v -> {
            closed = true;
            CompletableFuture<Void> d = drained;
            if (d != null) {
                d.complete(null);
            }
        });
    }

    void append(String text) throws IOException {
        pending.append(text);
        if (pending.length() >= CHUNK) {
            flush();
        }
    }

    void append(char c) throws IOException {
        pending.append(c);
    }

    /** A JSON generator writing into the pending text; end each of its lines with {@link #endLine()}. */
    JsonGenerator json() {
        if (json == null) {
            json = LineGenerator.into(pending);
        }
        return json;
    }

    /** Ends the generator's line: what it holds goes into the pending text, then the newline. */
    void endLine() throws IOException {
        json.flush();
        pending.append('\n');
        if (pending.length() >= CHUNK) {
            flush();
        }
    }

    void flush() throws IOException {
        if (pending.length() == 0) {
            return;
        }
        awaitWritable();
        response.write(Buffer.buffer(pending.toString().getBytes(StandardCharsets.UTF_8)));
        pending.setLength(0);
    }

    void end() throws IOException {
        flush();
        response.end();
    }

    private void awaitWritable() throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("the client closed the connection");
            }
            if (!response.writeQueueFull()) {
                return;
            }
            CompletableFuture<Void> d = new CompletableFuture<>();
            drained = d;
            response.drainHandler(v -> d.complete(null));
            if (!response.writeQueueFull() || closed) {
                continue; // drained (or closed) between the check and the handler
            }
            try {
                d.get(STALL_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IOException("the client read nothing for " + STALL_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }
}
