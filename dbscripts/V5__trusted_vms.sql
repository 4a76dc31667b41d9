-- Trusted compute pools, VM level ("Run on Trusted Host"): true means the VM (or the VMs made from a
-- template) may only run on a host the attestation service currently says is trusted.
ALTER TABLE vm_static ADD COLUMN trusted_host_flag boolean NOT NULL DEFAULT false;

-- New columns at the end: CREATE OR REPLACE keeps the views and the functions that return them.
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
       g.trusted_service
FROM vm_static vs
JOIN vm_dynamic vd ON vd.vm_guid = vs.vm_guid
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
LEFT JOIN vds_static h ON h.vds_id = vd.run_on_vds
LEFT JOIN vm_static t ON t.vm_guid = vs.vmt_guid
WHERE vs.entity_type = 'VM';

CREATE OR REPLACE VIEW vm_templates_view AS
SELECT vs.vm_guid AS vmt_guid,
       vs.vm_name AS name,
       vs.description,
       vs.entity_type,
       vs.vds_group_id,
       vs.mem_size_mb,
       vs.num_of_cpus,
       vs.os_type,
       vs.creation_date,
       g.name AS vds_group_name,
       vs.trusted_host_flag,
       g.trusted_service
FROM vm_static vs
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
WHERE vs.entity_type = 'TEMPLATE';

-- The old signatures go, so no caller can create or update a VM while silently dropping the flag.
DROP FUNCTION IF EXISTS InsertVmStatic(uuid, varchar, varchar, uuid, uuid, integer, integer, varchar, uuid, integer, boolean, timestamptz);
DROP FUNCTION IF EXISTS UpdateVmStatic(uuid, varchar, varchar, uuid, uuid, integer, integer, varchar, uuid, integer, boolean);
DROP FUNCTION IF EXISTS InsertVmTemplate(uuid, varchar, varchar, uuid, integer, integer, varchar, timestamptz);
DROP FUNCTION IF EXISTS UpdateVmTemplate(uuid, varchar, varchar, uuid, integer, integer, varchar);
