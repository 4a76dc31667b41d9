-- Locking an account after repeated wrong passwords (as oVirt's aaa-jdbc does). failed_logins counts
-- the attempts since failures_since that were wrong or are still being checked; at LoginMaxFailures the
-- account is locked until locked_until. Kept in the database so a restart does not hand an attacker a
-- fresh set of guesses.
ALTER TABLE users
    ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
    ADD COLUMN failures_since timestamptz,
    ADD COLUMN locked_until timestamptz;

INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('LoginMaxFailures', '5', 'general'),      -- wrong passwords within LoginLockoutSeconds that lock an account
    ('LoginLockoutSeconds', '300', 'general'); -- that window, and how long the lock lasts
