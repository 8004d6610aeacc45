package dev.kappa.auth;

import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.kappa.db.Tables.LOGIN_KNOWN;

/**
 * Who may try a password now, counted in PostgreSQL so that every server process shares the count.
 *
 * <p>Every attempt is counted BEFORE the password is checked, by one upsert that only counts keys whose delay has
 * passed: concurrent guesses serialise on the key's row, so 20 parallel guesses against a limit of 5 get exactly 5
 * password checks. Past the free attempts each further one pushes the next allowed time out (window/30, then twice as
 * long each time, up to the window): a progressive delay, never a lock that someone else can impose on the owner.
 *
 * <p>Keys: always the pair (account, source), where the source is the browser's device cookie when that browser has
 * logged into this account before, else the client address. Only attempts from a source that never logged into the
 * account (strangers) also count against the account as a whole and against their address. So strangers are slowed
 * down however many addresses they use, while the owner's known browser or address keeps its own allowance.
 */
final class LoginThrottle {
    /** A key to count: its scope, its value and how many attempts it gets before delays start. */
    record Key(String scope, String key, int free) {
    }

    private LoginThrottle() {
    }

    static String deviceSource(String deviceToken) {
        return "device:" + HexFormat.of().formatHex(Secrets.sha256(deviceToken));
    }

    static String addressSource(String address) {
        return "address:" + address;
    }

    /** Whether the account has logged in from this source (a device or an address) before. */
    static boolean known(DSLContext tx, String account, String source) {
        return tx.fetchExists(LOGIN_KNOWN, LOGIN_KNOWN.ACCOUNT.eq(account), LOGIN_KNOWN.SOURCE.eq(source));
    }

    /**
     * Counts one attempt under each key whose delay has passed, in one statement; returns how many seconds the caller
     * must wait (0 when every key counted it, so the password may be checked).
     */
    static int count(DSLContext tx, List<Key> keys, int windowSeconds) {
        List<Object> binds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Key k = i < keys.size() ? keys.get(i) : null;
            binds.add(k == null ? null : k.scope());
            binds.add(k == null ? null : k.key());
            binds.add(k == null ? null : k.free());
        }
        for (int i = 0; i < 5; i++) {
            binds.add(windowSeconds); // the window in the CTE, then in the three resets and the delay
        }
        int counted = tx.resultQuery("""
                WITH k(scope, key, free) AS (VALUES (?::text, ?::text, ?::int), (?::text, ?::text, ?::int), (?::text, ?::text, ?::int)),
                     w(secs) AS (VALUES (?::int))
                INSERT INTO login_throttle AS t (scope, key, attempts, free, window_start, next_at)
                SELECT k.scope, k.key, 1, k.free, now(), now() + login_delay(1, k.free, w.secs) FROM k, w WHERE k.key IS NOT NULL
                ON CONFLICT (scope, key) DO UPDATE SET
                  attempts = CASE WHEN t.window_start <= now() - make_interval(secs => ?) THEN 1 ELSE t.attempts + 1 END,
                  window_start = CASE WHEN t.window_start <= now() - make_interval(secs => ?) THEN now() ELSE t.window_start END,
                  free = excluded.free,
                  next_at = now() + login_delay(CASE WHEN t.window_start <= now() - make_interval(secs => ?) THEN 1 ELSE t.attempts + 1 END,
                                                excluded.free, ?)
                WHERE t.next_at <= now()
                RETURNING 1""", binds.toArray()).fetch().size();
        if (counted == keys.size()) {
            return 0;
        }
        Record wait = tx.resultQuery("""
                select ceil(extract(epoch from max(next_at) - now()))::int from login_throttle
                where (scope, key) in ((?, ?), (?, ?), (?, ?))""",
                keyOr(keys, 0).scope(), keyOr(keys, 0).key(), keyOr(keys, 1).scope(), keyOr(keys, 1).key(),
                keyOr(keys, 2).scope(), keyOr(keys, 2).key()).fetchOne();
        Integer secs = wait == null ? null : wait.get(0, Integer.class);
        return secs == null || secs < 1 ? 1 : secs;
    }

    private static Key keyOr(List<Key> keys, int i) {
        return i < keys.size() ? keys.get(i) : new Key("", "", 0);
    }

    /** After a correct password: the pair and the account start afresh, and the source becomes known. */
    static void succeeded(DSLContext tx, String account, String pairKey, List<String> sources, int windowSeconds) {
        tx.execute("delete from login_throttle where (scope = 'pair' and key = ?) or (scope = 'account' and key = ?)", pairKey, account);
        for (String source : sources) {
            tx.execute("""
                    insert into login_known (account, source) values (?, ?)
                    on conflict (account, source) do update set last_login_at = now()""", account, source);
        }
        // Keep the table small: rows whose window and delay are long over carry no information.
        tx.execute("""
                delete from login_throttle where ctid = any (array(
                  select ctid from login_throttle where window_start < now() - make_interval(secs => ?) * 2 and next_at < now() limit 100))""",
                windowSeconds);
    }
}
