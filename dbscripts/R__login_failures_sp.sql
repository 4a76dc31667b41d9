-- Login back-off per (login, client address), and per login over all addresses (source ''); table
-- login_failures (V9). LoginService asks GetLoginWait before it hashes a password and records the
-- outcome after; the delays grow with the failures:
--   from one address:   nothing for the first v_source_free failures (typing mistakes), then 1, 2, 4, 8 ...
--                       seconds after each further failure, at most v_max_seconds;
--   over all addresses: nothing for the first v_free_failures, then 1 s doubling every 5 failures, at most
--                       v_max_seconds, and only for addresses the account has never logged in from (an
--                       attacker cannot shut the owner out; guessing from many addresses stays slow).
-- Failures older than v_memory_seconds are forgotten. A success from an address clears that address.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

-- How long an attempt for v_login from v_source must still wait (0: it may be checked now), and whether
-- the account has logged in from that address within the last 30 days (a "proven" address).
CREATE OR REPLACE FUNCTION GetLoginWait(
    v_login varchar,
    v_source varchar)
RETURNS TABLE (wait_seconds integer, proven boolean) AS $$
DECLARE
    v_from login_failures%ROWTYPE;
    v_account login_failures%ROWTYPE;
    v_proven boolean;
    v_until timestamptz;
BEGIN
    SELECT * INTO v_from FROM login_failures WHERE login = v_login AND source = v_source;
    SELECT * INTO v_account FROM login_failures WHERE login = v_login AND source = '';
    v_proven := v_from.last_success IS NOT NULL AND v_from.last_success > now() - interval '30 days';
    v_until := v_from.blocked_until;
    IF NOT v_proven AND v_account.blocked_until IS NOT NULL AND (v_until IS NULL OR v_account.blocked_until > v_until) THEN
        v_until := v_account.blocked_until;
    END IF;
    wait_seconds := CASE WHEN v_until IS NULL OR v_until <= now() THEN 0
                         ELSE ceil(extract(epoch FROM v_until - now()))::integer END;
    proven := v_proven;
    RETURN NEXT;
END;
$$ LANGUAGE plpgsql STABLE;

-- Counts a wrong password (or unknown name) for v_login from v_source, in both rows, and sets their
-- back-off. Returns the counts and the waits now in force, so the caller can audit thresholds.
-- The counts go up in the UPDATE itself, so concurrent failures (several engine nodes) are all counted.
CREATE OR REPLACE FUNCTION RecordLoginFailure(
    v_login varchar,
    v_source varchar,
    v_source_free integer,
    v_max_seconds integer,
    v_free_failures integer,
    v_memory_seconds integer)
RETURNS TABLE (source_failures integer, source_wait integer, account_failures integer, account_wait integer) AS $$
DECLARE
    v_forget timestamptz := now() - make_interval(secs => v_memory_seconds);
BEGIN
    INSERT INTO login_failures (login, source) VALUES (v_login, v_source), (v_login, '')
    ON CONFLICT DO NOTHING;

    UPDATE login_failures
    SET failures = CASE WHEN last_failure IS NULL OR last_failure < v_forget THEN 1 ELSE failures + 1 END,
        last_failure = now()
    WHERE login = v_login AND source IN (v_source, '');

    UPDATE login_failures
    SET blocked_until = CASE WHEN failures <= v_source_free THEN NULL
                             ELSE now() + make_interval(secs => least(v_max_seconds,
                                      power(2, least(failures - v_source_free - 1, 30))::integer)) END
    WHERE login = v_login AND source = v_source;

    UPDATE login_failures
    SET blocked_until = CASE WHEN failures <= v_free_failures THEN NULL
                             ELSE now() + make_interval(secs => least(v_max_seconds,
                                      power(2, least((failures - v_free_failures - 1) / 5, 30))::integer)) END
    WHERE login = v_login AND source = '';

    -- Rows nobody needs any more (old failures, no remembered success): keeps the table small even when
    -- attempts name ever new logins. A small share of calls does it, so it costs little.
    IF random() < 0.01 THEN
        DELETE FROM login_failures
        WHERE (last_failure IS NULL OR last_failure < v_forget)
          AND (last_success IS NULL OR last_success < now() - interval '30 days');
    END IF;

    RETURN QUERY
    SELECT s.failures, COALESCE(ceil(extract(epoch FROM s.blocked_until - now()))::integer, 0),
           a.failures, COALESCE(ceil(extract(epoch FROM a.blocked_until - now()))::integer, 0)
    FROM login_failures s, login_failures a
    WHERE s.login = v_login AND s.source = v_source AND a.login = v_login AND a.source = '';
END;
$$ LANGUAGE plpgsql;

-- A right password from v_source: that address's failures and back-off end, and it is remembered as an
-- address the account logs in from. The account-wide count stays: a busy service account logging in
-- all the time must not wipe an attacker's failures from elsewhere.
CREATE OR REPLACE FUNCTION RecordLoginSuccess(
    v_login varchar,
    v_source varchar)
RETURNS void AS $$
BEGIN
    INSERT INTO login_failures (login, source, last_success) VALUES (v_login, v_source, now())
    ON CONFLICT (login, source) DO UPDATE
    SET failures = 0, last_failure = NULL, blocked_until = NULL, last_success = now();
END;
$$ LANGUAGE plpgsql;
