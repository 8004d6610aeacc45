package dev.kappa.transfer;

import dev.kappa.error.Problems;

import java.util.concurrent.Semaphore;

/**
 * Uploads and exports each hold a worker thread and a database connection for as long as the client keeps sending
 * or reading. Capping how many run at once (half the worker pool) keeps the other half for every other request, so a
 * few slow clients can never starve logins and labeling. Over the cap the answer is 503: retry shortly.
 */
public final class TransferLimit {
    private final Semaphore slots;
    private final int size;

    public TransferLimit(int workerPoolSize) {
        this.size = Math.max(1, workerPoolSize / 2);
        this.slots = new Semaphore(size);
    }

    /** Takes a slot or fails with 503; the caller must {@link #release()} when the transfer ends, however it ends. */
    void acquire() {
        if (!slots.tryAcquire()) {
            throw Problems.unavailable("All " + size + " transfer slots (uploads and exports) are busy; retry shortly");
        }
    }

    void release() {
        slots.release();
    }
}
