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
    -- A new password set by an administrator (or the launcher) lifts the login back-off of the account
    -- (the addresses it logged in from are still remembered) and ends the user's SSO tokens: whoever
    -- knew the old password must not keep a session made with it.
    UPDATE users SET password_hash = v_password_hash
    WHERE name = v_name AND domain = v_domain;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    UPDATE login_failures SET failures = 0, blocked_until = NULL, last_failure = NULL
    WHERE login = lower(v_name || '@' || v_domain);
    DELETE FROM sso_tokens
    WHERE user_id = (SELECT user_id FROM users WHERE name = v_name AND domain = v_domain);
    RETURN true;
END;
$$ LANGUAGE plpgsql;

-- A stronger hash of the same password, written after a successful login (PBKDF2 iterations raised).
-- Only if the hash is still the one that was verified: a password an administrator set meanwhile wins.
-- Unlike SetUserPassword it keeps the SSO tokens and the back-off: the password did not change.
CREATE OR REPLACE FUNCTION RehashUserPassword(
    v_user_id uuid,
    v_old_hash varchar,
    v_new_hash varchar)
RETURNS boolean AS $$
BEGIN
    UPDATE users SET password_hash = v_new_hash
    WHERE user_id = v_user_id AND password_hash = v_old_hash;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;
