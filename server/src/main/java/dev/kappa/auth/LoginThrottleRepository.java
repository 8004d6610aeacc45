package dev.kappa.auth;

import dev.kappa.auth.LoginThrottle.Key;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

import static dev.kappa.db.Tables.LOGIN_KNOWN;
import static dev.kappa.db.Tables.LOGIN_THROTTLE;

/** SQL for the login throttle; why it counts as it does is in {@link LoginThrottle}. Up to three keys per attempt. */
final class LoginThrottleRepository {
    /**
     * One attempt under each key whose delay has passed, in one statement: concurrent guesses serialise on the key's
     * row. The three keys, then the window in the CTE, in the three resets and in the delay.
     */
    private static final String COUNT = """
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
            RETURNING 1""";
    private static final String WAIT = """
            select ceil(extract(epoch from max(next_at) - now()))::int from login_throttle
            where (scope, key) in ((?, ?), (?, ?), (?, ?))""";
    /** Rows whose window and delay are long over carry no information: each correct password removes up to a hundred. */
    private static final String PRUNE = """
            delete from login_throttle where ctid = any (array(
              select ctid from login_throttle where window_start < now() - make_interval(secs => ?) * 2 and next_at < now() limit 100))""";

    private LoginThrottleRepository() {
    }

    static boolean known(DSLContext tx, String account, String source) {
        return tx.fetchExists(LOGIN_KNOWN, LOGIN_KNOWN.ACCOUNT.eq(account), LOGIN_KNOWN.SOURCE.eq(source));
    }

    /** Counts one attempt under each key whose delay has passed; returns how many keys counted it. */
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
        return tx.resultQuery(COUNT, binds.toArray()).fetch().size();
    }

    /** Seconds until the latest delay of the keys ends (rounded up; null when none of them has a row). */
    static Integer secondsUntilAllowed(DSLContext tx, List<Key> keys) {
        Record wait = tx.resultQuery(WAIT, keyOr(keys, 0).scope(), keyOr(keys, 0).key(), keyOr(keys, 1).scope(),
                keyOr(keys, 1).key(), keyOr(keys, 2).scope(), keyOr(keys, 2).key()).fetchOne();
        return wait == null ? null : wait.get(0, Integer.class);
    }

    private static Key keyOr(List<Key> keys, int i) {
        return i < keys.size() ? keys.get(i) : new Key("", "", 0);
    }

    /** The pair and the account start afresh. */
    static void forget(DSLContext tx, String pairKey, String account) {
        tx.deleteFrom(LOGIN_THROTTLE)
                .where(LOGIN_THROTTLE.SCOPE.eq("pair").and(LOGIN_THROTTLE.KEY.eq(pairKey)))
                .or(LOGIN_THROTTLE.SCOPE.eq("account").and(LOGIN_THROTTLE.KEY.eq(account)))
                .execute();
    }

    /** The account has now logged in from this source. */
    static void remember(DSLContext tx, String account, String source) {
        tx.insertInto(LOGIN_KNOWN).set(LOGIN_KNOWN.ACCOUNT, account).set(LOGIN_KNOWN.SOURCE, source)
                .onConflict(LOGIN_KNOWN.ACCOUNT, LOGIN_KNOWN.SOURCE).doUpdate().set(LOGIN_KNOWN.LAST_LOGIN_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    static void prune(DSLContext tx, int windowSeconds) {
        tx.execute(PRUNE, windowSeconds);
    }
}
