-- 1. Row versions for compare-and-set updates. An update names the version it read under the entity's
--    lock; UpdateVmStatic / UpdateVdsGroup change the row only if it is still that version and bump it,
--    so a write from another engine node (or any writer that skipped the lock) in between is a
--    conflict (409) instead of a silently lost field.
ALTER TABLE vm_static ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE vds_groups ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- New columns at the end: CREATE OR REPLACE keeps the views and the functions that return them.
CREATE OR REPLACE VIEW vds_groups_view AS
SELECT g.vds_group_id,
       g.name,
       g.description,
       g.storage_pool_id,
       g.cpu_name,
       g.compatibility_version,
       p.name AS storage_pool_name,
       g.trusted_service,
       g.version
FROM vds_groups g
LEFT JOIN storage_pool p ON p.id = g.storage_pool_id;

CREATE OR REPLACE VIEW vms AS
SELECT vs.vm_guid,
       vs.vm_name,
       vs.description,
       vs.entity_type,
       vs.vds_group_id,
       vs.vmt_guid,
       vs.mem_size_mb,
       vs.num_of_cpus,
       vs.os_type,
       vs.dedicated_vm_for_vds,
       vs.migration_support,
       vs.auto_startup,
       vs.creation_date,
       vd.status,
       vd.run_on_vds,
       vd.migrating_to_vds,
       vd.last_start_time,
       vd.last_stop_time,
       vd.exit_message,
       g.name AS vds_group_name,
       h.vds_name AS run_on_vds_name,
       t.vm_name AS vmt_name,
       vs.trusted_host_flag,
       g.trusted_service,
       vs.version
FROM vm_static vs
JOIN vm_dynamic vd ON vd.vm_guid = vs.vm_guid
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
LEFT JOIN vds_static h ON h.vds_id = vd.run_on_vds
LEFT JOIN vm_static t ON t.vm_guid = vs.vmt_guid
WHERE vs.entity_type = 'VM';

-- The new signatures take the expected version and answer whether the row was changed.
DROP FUNCTION IF EXISTS UpdateVmStatic(uuid, varchar, varchar, uuid, uuid, integer, integer, varchar, uuid, integer, boolean, boolean);
DROP FUNCTION IF EXISTS UpdateVdsGroup(uuid, varchar, varchar, uuid, varchar, varchar, boolean);

-- 2. Login back-off per account AND client address, replacing V6's account lock (which anyone could
--    set off against an account's owner). One row per (login, source): the failures from that address
--    for that login name and until when its next attempt waits; source '' is the account as a whole
--    (every address), whose back-off applies only to addresses the account has never logged in from.
--    Keyed by the login name as typed (lower case), not by user id, so that a name that does not exist
--    is delayed exactly like one that does and the delays tell nobody which accounts exist.
CREATE TABLE login_failures (
    login          varchar(512) NOT NULL,
    source         varchar(64)  NOT NULL,
    failures       integer      NOT NULL DEFAULT 0,
    last_failure   timestamptz,
    blocked_until  timestamptz,
    last_success   timestamptz,
    PRIMARY KEY (login, source)
);
CREATE INDEX idx_login_failures_last_failure ON login_failures (last_failure);

DROP FUNCTION IF EXISTS BeginUserLogin(uuid, integer, integer);
DROP FUNCTION IF EXISTS EndUserLogin(uuid, boolean, integer, integer);
ALTER TABLE users
    DROP COLUMN failed_logins,
    DROP COLUMN failures_since,
    DROP COLUMN locked_until;

DELETE FROM vdc_options WHERE option_name IN ('LoginMaxFailures', 'LoginLockoutSeconds');
INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('LoginSourceFreeFailures', '3', 'general'),        -- failures from one address before it waits (typing mistakes)
    ('LoginBackoffMaxSeconds', '300', 'general'),       -- the longest wait between attempts from one address
    ('LoginAccountFreeFailures', '20', 'general'),      -- failures of an account (all addresses) before new addresses wait too
    ('LoginFailureMemorySeconds', '3600', 'general'),   -- failures older than this are forgotten
    ('LoginConcurrentHashes', '0', 'general'),          -- password hashes at once; 0: half the cores, at least 1
    ('LoginHashesPerSecond', '0', 'general'),           -- password hashes per second, all clients; 0: 4 per core
    ('LoginHashesPerSourcePerMinute', '30', 'general')  -- password hashes per minute for one client address
ON CONFLICT DO NOTHING;
