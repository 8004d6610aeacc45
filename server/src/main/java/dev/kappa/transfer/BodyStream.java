package dev.kappa.transfer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A request body as a blocking InputStream for a worker thread, with back-pressure: the event loop queues at most
 * {@link #HIGH_WATER} buffers and then pauses the request (TCP pushes back on the client); the reader resumes it when
 * the queue has drained to {@link #LOW_WATER}. So memory stays flat for any upload size, and the event loop never
 * waits. A reader that stops early calls {@link #discard()} so the rest of the body is drained and dropped and the
 * client still receives its answer.
 */
final class BodyStream extends InputStream {
    static final int HIGH_WATER = 32;
    static final int LOW_WATER = 8;
    /** An upload that sends nothing for this long is abandoned, freeing the worker and its connection. */
    static final long IDLE_TIMEOUT_MS = 60_000;

    private final HttpServerRequest request;
    private final Context context;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private boolean paused;
    private boolean ended;
    private boolean discarding;
    private Throwable failure;
    private Buffer current;
    private int pos;

    private BodyStream(HttpServerRequest request, Context context) {
        this.request = request;
        this.context = context;
    }

    /** Attaches to a request that the router paused; call on the event loop. */
    static BodyStream attach(HttpServerRequest request) {
        BodyStream s = new BodyStream(request, Vertx.currentContext());
        request.handler(s::onData);
        request.endHandler(v -> s.onEnd());
        request.exceptionHandler(s::onFailure);
        request.resume();
        return s;
    }

    private synchronized void onData(Buffer b) {
        if (discarding) {
            return;
        }
        queue.add(b);
        notifyAll();
        if (queue.size() >= HIGH_WATER && !paused) {
            paused = true;
            request.pause();
        }
    }

    private synchronized void onEnd() {
        ended = true;
        notifyAll();
    }

    private synchronized void onFailure(Throwable t) {
        failure = t;
        notifyAll();
    }

    /** Stop reading: drop what is queued and whatever still arrives, so the request can complete. */
    synchronized void discard() {
        discarding = true;
        queue.clear();
        current = null;
        if (paused) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        Buffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(len, b.length() - pos);
        b.getBytes(pos, pos + n, into, off);
        pos += n;
        return n;
    }

    private synchronized Buffer next() throws IOException {
        long deadline = System.currentTimeMillis() + IDLE_TIMEOUT_MS;
        while (current == null || pos >= current.length()) {
            if (discarding) {
                return null;
            }
            Buffer b = queue.poll();
            if (b != null) {
                current = b;
                pos = 0;
                if (paused && queue.size() <= LOW_WATER) {
                    paused = false;
                    context.runOnContext(v -> request.resume());
                }
                continue;
            }
            if (failure != null) {
                throw new IOException("the upload failed: " + failure.getMessage(), failure);
            }
            if (ended) {
                return null;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IOException("the upload sent nothing for " + IDLE_TIMEOUT_MS / 1000 + " s");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the upload", e);
            }
        }
        return current;
    }
}
