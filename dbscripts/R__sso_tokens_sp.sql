-- SSO access tokens (table sso_tokens); callers pass the token's SHA-256, never the token.

CREATE OR REPLACE FUNCTION InsertSsoToken(
    v_token_hash varchar,
    v_user_id uuid,
    v_scope varchar,
    v_expires timestamptz)
RETURNS void AS $$
BEGIN
    INSERT INTO sso_tokens (token_hash, user_id, scope, expires)
    VALUES (v_token_hash, v_user_id, v_scope, v_expires);
END;
$$ LANGUAGE plpgsql;

-- The user behind a token that has not expired; nothing for an unknown or expired one.
CREATE OR REPLACE FUNCTION GetUserBySsoToken(v_token_hash varchar)
RETURNS SETOF users AS $$
    SELECT u.* FROM users u JOIN sso_tokens t ON t.user_id = u.user_id
    WHERE t.token_hash = v_token_hash AND t.expires > now();
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION DeleteSsoToken(v_token_hash varchar)
RETURNS void AS $$
BEGIN
    DELETE FROM sso_tokens WHERE token_hash = v_token_hash;
END;
$$ LANGUAGE plpgsql;

-- Returns how many were removed.
CREATE OR REPLACE FUNCTION DeleteExpiredSsoTokens()
RETURNS integer AS $$
DECLARE
    removed integer;
BEGIN
    DELETE FROM sso_tokens WHERE expires <= now();
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$ LANGUAGE plpgsql;
