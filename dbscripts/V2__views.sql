-- Read views. They live in a versioned migration rather than an R__ file because the
-- Get* functions return SETOF these views: dropping a view would drop those functions too,
-- and Flyway would not re-run the unchanged R__ files that define them.
-- To change a view later: CREATE OR REPLACE VIEW appending columns in a new V file, or
-- DROP ... CASCADE in a new V file and touch the R__ files whose functions return it.

-- Clusters with their data center's name (Cluster.storagePoolName).
CREATE VIEW vds_groups_view AS
SELECT g.vds_group_id,
       g.name,
       g.description,
       g.storage_pool_id,
       g.cpu_name,
       g.compatibility_version,
       p.name AS storage_pool_name
FROM vds_groups g
LEFT JOIN storage_pool p ON p.id = g.storage_pool_id;

-- Hosts: static + dynamic + cluster name, plus the memory promised to VMs on the host.
-- A VM counts on both ends of a migration (run_on_vds and migrating_to_vds) because
-- both hosts must hold its memory until the migration ends. Statuses that do not occupy
-- a host (VMStatus.isRunning() is false): Down 0, Suspended 13, ImageIllegal 14, ImageLocked 15.
CREATE VIEW vds AS
SELECT s.vds_id,
       s.vds_name,
       s.host_name,
       s.port,
       s.vds_group_id,
       s.comment,
       g.name AS vds_group_name,
       d.status,
       d.non_operational_reason,
       d.cpu_cores,
       d.physical_mem_mb,
       d.mem_free_mb,
       d.vm_count,
       d.cpu_usage_percent,
       d.last_response,
       COALESCE((SELECT sum(vs.mem_size_mb)
                 FROM vm_dynamic vd
                 JOIN vm_static vs ON vs.vm_guid = vd.vm_guid
                 WHERE (vd.run_on_vds = s.vds_id OR vd.migrating_to_vds = s.vds_id)
                   AND vd.status NOT IN (0, 13, 14, 15)), 0)::bigint AS mem_committed_mb
FROM vds_static s
JOIN vds_dynamic d ON d.vds_id = s.vds_id
JOIN vds_groups g ON g.vds_group_id = s.vds_group_id;

-- VMs (not templates): static + dynamic + names of cluster, host and template.
-- Inner join on vm_dynamic as in oVirt: adding a VM inserts both rows.
CREATE VIEW vms AS
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
       t.vm_name AS vmt_name
FROM vm_static vs
JOIN vm_dynamic vd ON vd.vm_guid = vs.vm_guid
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
LEFT JOIN vds_static h ON h.vds_id = vd.run_on_vds
LEFT JOIN vm_static t ON t.vm_guid = vs.vmt_guid
WHERE vs.entity_type = 'VM';

-- Templates, with oVirt's column names (vmt_guid, name) and the cluster name.
CREATE VIEW vm_templates_view AS
SELECT vs.vm_guid AS vmt_guid,
       vs.vm_name AS name,
       vs.description,
       vs.entity_type,
       vs.vds_group_id,
       vs.mem_size_mb,
       vs.num_of_cpus,
       vs.os_type,
       vs.creation_date,
       g.name AS vds_group_name
FROM vm_static vs
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
WHERE vs.entity_type = 'TEMPLATE';
