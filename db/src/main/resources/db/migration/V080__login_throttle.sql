-- Login throttling that counts before the password check, in one statement, and cannot be turned against the owner.
-- One row per throttled key: scope 'pair' (account + the browser or address it comes from), 'account' (attempts on an
-- account from browsers and addresses that never logged into it) and 'address' (such attempts from one address).
-- An attempt is counted by an upsert that succeeds only when next_at has passed; past `free` attempts in the window
-- each one pushes next_at further (1 s, 2 s, 4 s ... up to the window), so there is no hard lock to impose on others.
CREATE TABLE login_throttle (
    scope        text        NOT NULL CHECK (scope IN ('pair', 'account', 'address')),
    key          text        NOT NULL,
    attempts     integer     NOT NULL,
    free         integer     NOT NULL,
    window_start timestamptz NOT NULL DEFAULT now(),
    next_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX login_throttle_stale ON login_throttle (window_start);

-- Where an account has logged in successfully: an address, or a browser holding a device cookie (stored as SHA-256).
-- Attempts from these count only against their own pair, so strangers' failures never lock the owner out.
CREATE TABLE login_known (
    account       text        NOT NULL,
    source        text        NOT NULL,
    last_login_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, source)
);
-- login_failures (V002) is no longer written; it is left in place for any reader on another branch and can be
-- dropped once nothing refers to it.

-- How long to wait after an attempt: nothing within the free attempts, then window/30 doubling up to the window.
CREATE FUNCTION login_delay(attempts integer, free integer, window_seconds integer) RETURNS interval
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN attempts < free THEN interval '0'
                ELSE make_interval(secs => least(window_seconds::double precision,
                                                 greatest(1, window_seconds / 30.0) * power(2, least(attempts - free, 30))))
           END
$$;
