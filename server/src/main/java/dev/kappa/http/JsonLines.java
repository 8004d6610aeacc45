package dev.kappa.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes a chunked JSON Lines response from a worker thread: lines are gathered into chunks of about 64 KiB and each
 * chunk waits until the previous one has been handed to the socket, so a slow client slows the producer down instead
 * of filling the heap. Never use it on the event loop.
 */
public final class JsonLines {
    static final int CHUNK = 64 * 1024;
    private static final long WRITE_TIMEOUT_SECONDS = 120;

    private final HttpServerResponse response;
    private StringBuilder chunk = new StringBuilder(CHUNK + 4096);

    /** Sends the status and headers now; the caller must have decided everything that could fail with a problem. */
    public JsonLines(HttpServerResponse response) {
        this.response = response;
        response.setChunked(true).putHeader("Content-Type", "application/x-ndjson");
    }

    public HttpServerResponse response() {
        return response;
    }

    public void line(JsonObject line) {
        line(sb -> sb.append(line.encode()));
    }

    /** A line written by {@code writer} straight into the chunk (see {@link JsonText}); the newline is added here. */
    public void line(Consumer<StringBuilder> writer) {
        writer.accept(chunk);
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
        if (chunk.length() == 0) {
            return;
        }
        Buffer out = Buffer.buffer(chunk.toString());
        chunk.setLength(0);
        try {
            response.write(out).toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the client stopped reading the stream", e);
        }
    }
}
