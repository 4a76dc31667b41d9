-- SSO access tokens (oVirt's /ovirt-engine/sso/oauth/token). Only a SHA-256 of each token is kept:
-- whoever reads this table (a backup, a replica) cannot use what they read to call the API.
-- In the database rather than in memory so that several engine nodes and restarts share them.
CREATE TABLE sso_tokens (
    token_hash  varchar(64) PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    scope       varchar(255) NOT NULL,
    created     timestamptz NOT NULL DEFAULT now(),
    expires     timestamptz NOT NULL
);
CREATE INDEX idx_sso_tokens_expires ON sso_tokens(expires);

INSERT INTO vdc_options (option_name, option_value, version) VALUES ('SsoTokenLifetimeMinutes', '600', 'general')
ON CONFLICT DO NOTHING;
