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
    -- A new password set by an administrator (or the launcher) also lifts a lock.
    UPDATE users SET password_hash = v_password_hash, failed_logins = 0, locked_until = NULL
    WHERE name = v_name AND domain = v_domain;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- One more wrong password. At v_max_failures in a row the account is locked for v_lock_seconds
-- and the count starts again. Returns true when this failure locked the account. One UPDATE, so
-- concurrent failures are all counted.
CREATE OR REPLACE FUNCTION RecordUserLoginFailure(
    v_user_id uuid,
    v_max_failures integer,
    v_lock_seconds integer)
RETURNS boolean AS $$
DECLARE
    v_failures integer;
BEGIN
    UPDATE users SET failed_logins = failed_logins + 1
    WHERE user_id = v_user_id
    RETURNING failed_logins INTO v_failures;
    IF v_failures IS NULL OR v_failures < v_max_failures THEN
        RETURN false;
    END IF;
    UPDATE users
    SET failed_logins = 0,
        locked_until = now() + make_interval(secs => v_lock_seconds)
    WHERE user_id = v_user_id;
    RETURN true;
END;
$$ LANGUAGE plpgsql;

-- A correct password: the count of failures starts again (no write when there is nothing to reset).
CREATE OR REPLACE FUNCTION RecordUserLoginSuccess(v_user_id uuid)
RETURNS void AS $$
BEGIN
    UPDATE users SET failed_logins = 0, locked_until = NULL
    WHERE user_id = v_user_id AND (failed_logins <> 0 OR locked_until IS NOT NULL);
END;
$$ LANGUAGE plpgsql;
