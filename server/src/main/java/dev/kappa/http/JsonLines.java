package dev.kappa.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a chunked JSON Lines response from a worker thread: lines are gathered into chunks of about 64 KiB, handed to
 * the connection without waiting, and the worker blocks only while the connection's write queue is full (until its
 * drain handler fires), so a slow client slows the producer instead of filling the heap. Waiting on every chunk
 * instead cost a second per 50 MB in the 1M-answer benchmark. Each line is written by one Jackson generator
 * ({@link LineGenerator}) straight into the chunk, so no line is built as an object or a string first. Never use it on
 * the event loop.
 */
public final class JsonLines {
    static final int CHUNK = 64 * 1024;
    private static final long STALL_SECONDS = 120;

    private final HttpServerResponse response;
    private final StringBuilder chunk = new StringBuilder(CHUNK + 4096);
    private final JsonGenerator json = LineGenerator.into(chunk);
    private volatile boolean closed;
    private volatile CompletableFuture<Void> drained;

    /** Sends the status and headers with the first chunk; the caller must have decided everything that could fail. */
    public JsonLines(HttpServerResponse response) {
        this.response = response;
        response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        response.closeHandler(v -> {
            closed = true;
            CompletableFuture<Void> d = drained;
            if (d != null) {
                d.complete(null);
            }
        });
    }

    public HttpServerResponse response() {
        return response;
    }

    /** A record as one line, written by {@link RecordJson}'s mapper. */
    public void record(Object value) {
        line(g -> RecordJson.MAPPER.writeValue(g, value));
    }

    /** A line written by {@code writer} with the stream's generator; the newline is added here. */
    public void line(LineGenerator.Line writer) {
        try {
            writer.write(json);
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.append('\n');
        if (chunk.length() >= CHUNK) {
            flush();
        }
    }

    public void end() {
        flush();
        response.end();
    }

    private void flush() {
        if (closed) {
            throw new IllegalStateException("the client closed the connection");
        }
        if (chunk.length() == 0) {
            return;
        }
        response.write(Buffer.buffer(chunk.toString()));
        chunk.setLength(0);
        if (!response.writeQueueFull()) {
            return;
        }
        CompletableFuture<Void> d = new CompletableFuture<>();
        drained = d;
        response.drainHandler(v -> d.complete(null));
        if (!response.writeQueueFull()) {
            return; // drained between the check and the handler: nothing to wait for
        }
        try {
            d.get(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the client stopped reading the stream", e);
        }
        if (closed) {
            throw new IllegalStateException("the client closed the connection");
        }
    }
}
