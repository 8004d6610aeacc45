-- Each server process keeps a small cache of the principals its tokens and sessions resolve to (issue 18). A change
-- that could end or alter a principal notifies every process on channel kappa_auth, with the user's id as payload
-- ('*' for all), so that revoking a token, blocking a user, changing a role or tier, or logging out takes effect in
-- every process at once. NOTIFY is delivered at commit, and only then. api_tokens' last_used_at and inserts of new
-- tokens and sessions change no cached principal, so they notify nothing.
CREATE FUNCTION kappa_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('kappa_auth', '*');
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('kappa_auth', OLD.id::text);
    ELSE
        PERFORM pg_notify('kappa_auth', OLD.user_id::text);
        IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN
            PERFORM pg_notify('kappa_auth', NEW.user_id::text);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION kappa_auth_changed();
CREATE TRIGGER api_tokens_auth_changed AFTER UPDATE OF user_id, token_hash, revoked_at OR DELETE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION kappa_auth_changed();
CREATE TRIGGER sessions_auth_changed AFTER UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION kappa_auth_changed();
CREATE TRIGGER users_auth_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION kappa_auth_changed();
CREATE TRIGGER api_tokens_auth_truncated AFTER TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION kappa_auth_changed();
CREATE TRIGGER sessions_auth_truncated AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION kappa_auth_changed();
