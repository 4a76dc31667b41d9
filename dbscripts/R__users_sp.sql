-- Engine users (table users). Role is the Role enum's name.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertUser(
    v_user_id uuid,
    v_name varchar,
    v_domain varchar,
    v_password_hash varchar,
    v_role varchar)
RETURNS void AS $$
BEGIN
    INSERT INTO users (user_id, name, domain, password_hash, role)
    VALUES (v_user_id, v_name, v_domain, v_password_hash, v_role);
END;
$$ LANGUAGE plpgsql;

-- Leaves password_hash alone on purpose: an update built from a user read without its hash
-- (or from an API request) must not wipe the password. SetUserPassword changes it.
CREATE OR REPLACE FUNCTION UpdateUser(
    v_user_id uuid,
    v_name varchar,
    v_domain varchar,
    v_role varchar)
RETURNS void AS $$
BEGIN
    UPDATE users
    SET name = v_name,
        domain = v_domain,
        role = v_role
    WHERE user_id = v_user_id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION DeleteUser(v_user_id uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM users WHERE user_id = v_user_id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetUserByUserId(v_user_id uuid)
RETURNS SETOF users AS $$
    SELECT * FROM users WHERE user_id = v_user_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetUserByNameAndDomain(v_name varchar, v_domain varchar)
RETURNS SETOF users AS $$
    SELECT * FROM users WHERE name = v_name AND domain = v_domain;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromUsers()
RETURNS SETOF users AS $$
    SELECT * FROM users ORDER BY domain, name;
$$ LANGUAGE sql STABLE;

-- Returns whether the user exists, so that the launcher can tell a typo from success.
CREATE OR REPLACE FUNCTION SetUserPassword(
    v_name varchar,
    v_domain varchar,
    v_password_hash varchar)
RETURNS boolean AS $$
BEGIN
    -- A new password set by an administrator (or the launcher) lifts a lock and ends the user's SSO
    -- tokens: whoever knew the old password must not keep a session made with it.
    UPDATE users SET password_hash = v_password_hash, failed_logins = 0, failures_since = NULL, locked_until = NULL
    WHERE name = v_name AND domain = v_domain;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM sso_tokens
    WHERE user_id = (SELECT user_id FROM users WHERE name = v_name AND domain = v_domain);
    RETURN true;
END;
$$ LANGUAGE plpgsql;

-- Reserves one login attempt before the password is checked, counting it as a failure until
-- EndUserLogin says otherwise, so that concurrent guesses are counted before any of them is answered:
-- at most v_max_failures passwords are checked per window of v_window_seconds (from the first
-- failure) and lock. Returns false, counting nothing, while the account is locked or the attempts
-- in flight and failed have reached the limit.
CREATE OR REPLACE FUNCTION BeginUserLogin(
    v_user_id uuid,
    v_max_failures integer,
    v_window_seconds integer)
RETURNS boolean AS $$
BEGIN
    -- (every expression below reads the row as it was before this UPDATE)
    UPDATE users
    SET failed_logins = CASE WHEN failures_since IS NULL OR failures_since <= now() - make_interval(secs => v_window_seconds)
                             THEN 1 ELSE failed_logins + 1 END,
        failures_since = CASE WHEN failures_since IS NULL OR failures_since <= now() - make_interval(secs => v_window_seconds)
                              THEN now() ELSE failures_since END
    WHERE user_id = v_user_id
      AND (locked_until IS NULL OR locked_until <= now())
      AND (failures_since IS NULL OR failures_since <= now() - make_interval(secs => v_window_seconds)
           OR failed_logins < v_max_failures);
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- The outcome of an attempt BeginUserLogin reserved. A right password takes back only its own
-- reservation: it never erases other failures (a service account logging in all the time must not
-- reset an attacker's count). A wrong one stays counted; at v_max_failures the account is locked for
-- v_lock_seconds and the count starts again. Returns true when this call locked the account.
CREATE OR REPLACE FUNCTION EndUserLogin(
    v_user_id uuid,
    v_succeeded boolean,
    v_max_failures integer,
    v_lock_seconds integer)
RETURNS boolean AS $$
BEGIN
    IF v_succeeded THEN
        UPDATE users SET failed_logins = greatest(failed_logins - 1, 0) WHERE user_id = v_user_id;
        RETURN false;
    END IF;
    UPDATE users
    SET locked_until = now() + make_interval(secs => v_lock_seconds),
        failed_logins = 0,
        failures_since = NULL
    WHERE user_id = v_user_id
      AND failed_logins >= v_max_failures
      AND (locked_until IS NULL OR locked_until <= now());
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;
