-- Trusted compute pools, cluster level: a trusted cluster runs VMs only on hosts the attestation
-- service currently says are trusted.
ALTER TABLE vds_groups ADD COLUMN trusted_service boolean NOT NULL DEFAULT false;

-- New columns go at the end, so CREATE OR REPLACE keeps the view (and the functions returning it).
CREATE OR REPLACE VIEW vds_groups_view AS
SELECT g.vds_group_id,
       g.name,
       g.description,
       g.storage_pool_id,
       g.cpu_name,
       g.compatibility_version,
       p.name AS storage_pool_name,
       g.trusted_service
FROM vds_groups g
LEFT JOIN storage_pool p ON p.id = g.storage_pool_id;

-- The last verdict the attestation service gave for each host, so it survives engine restarts
-- and shows in the API. The four levels are kept apart: a TIMEOUT is not an UNTRUSTED.
CREATE TABLE vds_trust (
    vds_id       uuid PRIMARY KEY REFERENCES vds_static(vds_id) ON DELETE CASCADE,
    trust_level  varchar(16) NOT NULL CHECK (trust_level IN ('TRUSTED', 'UNTRUSTED', 'UNKNOWN', 'TIMEOUT')),
    verified_at  timestamptz,
    reason       text,
    checked_at   timestamptz NOT NULL DEFAULT now()
);

-- The old signatures go: the new ones carry trusted_service (a second overload would let a caller
-- create a cluster while silently dropping the flag).
DROP FUNCTION IF EXISTS InsertVdsGroups(uuid, varchar, varchar, uuid, varchar, varchar);
DROP FUNCTION IF EXISTS UpdateVdsGroup(uuid, varchar, varchar, uuid, varchar, varchar);

INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('AttestationServer', '', 'general'),
    ('AttestationPort', '8080', 'general'),
    ('PollUri', 'AttestationService/resources/PollHosts', 'general'),
    ('SecureConnectionWithOATServers', 'true', 'general'),
    ('AttestationTruststore', '', 'general'),
    ('AttestationTruststorePass', '', 'general'),
    ('AttestationBatchSize', '50', 'general'),
    ('AttestationTrustValiditySeconds', '60', 'general'),
    ('AttestationReattestPeriodSeconds', '30', 'general'),
    ('AttestationConnectTimeoutSeconds', '3', 'general'),
    ('AttestationReadTimeoutSeconds', '15', 'general'),
    ('AttestationAutoRecoverUntrusted', 'true', 'general')
ON CONFLICT DO NOTHING;
