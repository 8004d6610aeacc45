package dev.kappa.auth;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The principals this process resolved from tokens and session cookies, so that a request is authenticated without
 * asking the database each time (issue 18). Correct across processes because every change that could end or alter a
 * principal (revoking a token, blocking, pausing, a role or tier change, logout, deleting a user) notifies channel
 * {@code kappa_auth} from a trigger (V110), and a listener here ({@link AuthChannelSql}) drops that user's entries as
 * the notification arrives.
 * In this process, {@link #clear()} is called before the response of any request that may have made such a change
 * is sent (see dev.kappa.http.AuthHandler), so the caller's next request never sees the old principal.
 *
 * <p>Staleness is bounded three ways: entries live at most {@code ttlSeconds}; while the listener is not connected
 * the cache is bypassed; every (re)connection clears it, since notifications sent while it was away are lost. A
 * lookup that read the database before an invalidation is never stored after it ({@link #generation()}).
 */
public final class PrincipalCache implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PrincipalCache.class.getName());
    private static final int MAX_ENTRIES = 20_000;

    private record Key(ByteBuffer hash, boolean session) {
    }

    private record Entry(Principal principal, long validUntilNanos) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;

    private PrincipalCache(long ttlSeconds, Thread listener) {
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
        this.listener = listener;
    }

    /** A cache that never holds anything: every request asks the database. */
    public static PrincipalCache off() {
        return new PrincipalCache(0, null);
    }

    /** Starts the listener on its own connection (never one of the request pool's). */
    public static PrincipalCache start(String jdbcUrl, String user, String password, int ttlSeconds) {
        if (ttlSeconds <= 0) {
            return off();
        }
        PrincipalCache[] self = new PrincipalCache[1];
        Thread t = new Thread(() -> self[0].listen(jdbcUrl, user, password), "kappa-auth-listener");
        t.setDaemon(true);
        self[0] = new PrincipalCache(ttlSeconds, t);
        t.start();
        return self[0];
    }

    public Optional<Principal> get(byte[] hash, boolean session) {
        if (!listening) {
            return Optional.empty();
        }
        Key key = new Key(ByteBuffer.wrap(hash), session);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.validUntilNanos > 0) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.principal);
    }

    /** Read before the database lookup; hand it to {@link #put} so a lookup older than an invalidation is dropped. */
    public long generation() {
        return generation.get();
    }

    /** Remembers a resolved principal; a session's entry never outlives the session itself. */
    public void put(byte[] hash, boolean session, Principal p, OffsetDateTime sessionExpires, long readAtGeneration) {
        if (!listening || ttlNanos == 0) {
            return;
        }
        long ttl = ttlNanos;
        if (sessionExpires != null) {
            ttl = Math.min(ttl, java.time.Duration.between(OffsetDateTime.now(), sessionExpires).toNanos());
            if (ttl <= 0) {
                return;
            }
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        Key key = new Key(ByteBuffer.wrap(hash.clone()), session);
        Entry e = new Entry(p, System.nanoTime() + ttl);
        entries.put(key, e);
        // An invalidation bumps the generation before it removes: if one ran since the lookup read the database,
        // this entry may predate it, so it goes (removing twice is harmless).
        if (generation.get() != readAtGeneration) {
            entries.remove(key, e);
        }
    }

    /** Forgets every entry (a change whose user is not known, or a change made by this process). */
    public void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    private void forgetUser(long userId) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> e.principal.userId() == userId);
    }

    /** Entries held now; for tests. */
    int size() {
        return entries.size();
    }

    /** Whether the listener is connected (the cache is in use); for tests. */
    public boolean listening() {
        return listening;
    }

    private void listen(String url, String user, String password) {
        Properties props = new Properties();
        if (!user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "kappa-auth-listener");
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
                AuthChannelSql.listen(s);
                clear(); // whatever changed while no one listened is unknown
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                long lastPing = System.nanoTime();
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(500);
                    if (got != null) {
                        for (PGNotification n : got) {
                            apply(n.getParameter());
                        }
                    }
                    // A ping now and then, so that a connection that died silently is noticed within seconds.
                    if (System.nanoTime() - lastPing > 5_000_000_000L) {
                        AuthChannelSql.ping(s);
                        lastPing = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "auth cache listener lost its connection; authenticating every request against the database until it is back: " + e);
                }
            } finally {
                listening = false;
                clear();
            }
            sleepQuietly(1000);
        }
    }

    private void apply(String payload) {
        try {
            forgetUser(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            clear();
        }
    }

    private void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        clear();
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
