-- Locking an account after repeated failed logins (as oVirt's aaa-jdbc does): failed_logins counts
-- wrong passwords in a row; at LoginMaxFailures the account is locked until locked_until. Kept in the
-- database so a restart does not hand an attacker a fresh set of guesses.
ALTER TABLE users
    ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
    ADD COLUMN locked_until timestamptz;

INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('LoginMaxFailures', '5', 'general'),      -- wrong passwords in a row that lock an account
    ('LoginLockoutSeconds', '300', 'general'); -- how long such a lock lasts
