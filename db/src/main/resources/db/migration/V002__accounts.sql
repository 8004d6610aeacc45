-- Users, API tokens, browser sessions and login throttling. Sessions and throttling live in PostgreSQL so that
-- several server processes behind one load balancer agree on who is logged in and who is locked out.

CREATE TABLE users (
    id             bigserial PRIMARY KEY,
    email          text,
    display_name   text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('admin', 'engineer', 'annotator')),
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'blocked')),
    tier           text        CHECK (tier IN ('crowd', 'expert')),
    external_id    text,
    password_hash  text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- An annotator always has a tier; other roles never do.
    CHECK ((role = 'annotator') = (tier IS NOT NULL)),
    -- Everyone is reachable by email, except external workers known only by another tool's id.
    CHECK (email IS NOT NULL OR external_id IS NOT NULL)
);
-- Email is unique ignoring case.
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX users_external_id_key ON users (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    -- SHA-256 of the token: tokens are 256-bit random, so a fast hash is safe and keeps every request cheap.
    token_hash   bytea       NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE sessions (
    id_hash     bytea       PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One row per failed login, keyed by account and by client address; old rows are pruned on write.
CREATE TABLE login_failures (
    id        bigserial PRIMARY KEY,
    scope     text        NOT NULL CHECK (scope IN ('account', 'address')),
    key       text        NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (scope, key, failed_at);
