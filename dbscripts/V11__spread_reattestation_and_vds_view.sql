-- Re-attestation is spread across the validity window (the engine asks one batch of the oldest verdicts
-- at a time): each host is asked once per period, so a period of the whole validity asks each host once
-- per window. 30 s was the shipped default and asked every host twice per 60 s window; a value an
-- administrator chose is kept.
UPDATE vdc_options SET option_value = '60'
WHERE option_name = 'AttestationReattestPeriodSeconds' AND option_value = '30' AND version = 'general';

-- The vds view summed the memory of the VMs on each host with a subquery per host row; this one
-- aggregates vm_dynamic once and joins the sums (same columns, same meaning). A VM counts on both ends
-- of a migration (run_on_vds and migrating_to_vds), once per host (UNION drops a duplicate pair).
-- Statuses that do not occupy a host: Down 0, Suspended 13, ImageIllegal 14, ImageLocked 15.
CREATE OR REPLACE VIEW vds AS
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
       COALESCE(c.mem_committed_mb, 0)::bigint AS mem_committed_mb
FROM vds_static s
JOIN vds_dynamic d ON d.vds_id = s.vds_id
JOIN vds_groups g ON g.vds_group_id = s.vds_group_id
LEFT JOIN (SELECT on_host.vds_id, sum(vs.mem_size_mb) AS mem_committed_mb
           FROM (SELECT vd.vm_guid, vd.run_on_vds AS vds_id
                 FROM vm_dynamic vd
                 WHERE vd.run_on_vds IS NOT NULL AND vd.status NOT IN (0, 13, 14, 15)
                 UNION
                 SELECT vd.vm_guid, vd.migrating_to_vds
                 FROM vm_dynamic vd
                 WHERE vd.migrating_to_vds IS NOT NULL AND vd.status NOT IN (0, 13, 14, 15)) on_host
           JOIN vm_static vs ON vs.vm_guid = on_host.vm_guid
           GROUP BY on_host.vds_id) c ON c.vds_id = s.vds_id;
