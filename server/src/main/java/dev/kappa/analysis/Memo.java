package dev.kappa.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Results this process computed recently, each remembered with the version of the inputs it was computed from and
 * used again only for exactly that version; a request that finds the same work in progress waits for it instead of
 * doing it again. The console's pages ask for several analyses of one project at once (agreement, pairs and consensus
 * read the same million answers; the leaderboard computes the same baseline as the baselines table), so this turns
 * that work into one. It holds nothing another process needs: a miss computes from PostgreSQL as before. The least
 * recently used results go first once their weight passes {@code maxWeight}.
 */
public final class Memo<K, V> {
    private record Entry<V>(Object version, CompletableFuture<V> value) {
    }

    private final long maxWeight;
    private final ToLongFunction<V> weight;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    public Memo(long maxWeight, ToLongFunction<V> weight) {
        this.maxWeight = maxWeight;
        this.weight = weight;
    }

    /** The value for {@code key} at {@code version} (compared with equals): remembered, in progress, or computed now. */
    public V get(K key, Object version, Supplier<V> compute) {
        CompletableFuture<V> mine = null;
        CompletableFuture<V> value;
        synchronized (this) {
            Entry<V> e = entries.get(key);
            if (e != null && e.version().equals(version)) {
                value = e.value();
            } else {
                mine = new CompletableFuture<>();
                entries.put(key, new Entry<>(version, mine));
                value = mine;
            }
        }
        if (mine != null) {
            try {
                mine.complete(compute.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                forget(key, mine);
                throw e;
            }
            trim();
        }
        try {
            return value.join();
        } catch (CompletionException e) {
            // The request computing it failed (its own transaction, its own cause): compute again for this one.
            forget(key, value);
            return compute.get();
        }
    }

    private synchronized void forget(K key, CompletableFuture<V> value) {
        Entry<V> e = entries.get(key);
        if (e != null && e.value() == value) {
            entries.remove(key);
        }
    }

    private synchronized void trim() {
        long held = 0;
        for (Entry<V> e : entries.values()) {
            held += weightOf(e);
        }
        for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext() && held > maxWeight; ) {
            Entry<V> e = it.next();
            if (e.value().isDone()) {
                held -= weightOf(e);
                it.remove();
            }
        }
    }

    private long weightOf(Entry<V> e) {
        CompletableFuture<V> v = e.value();
        return v.isDone() && !v.isCompletedExceptionally() ? weight.applyAsLong(v.join()) : 0;
    }
}
