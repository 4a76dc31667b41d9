-- In-flight marks in the database (issue 15; docs/design/scale-out.md §4). A command that puts a VM into a
-- transitional status (WaitForLaunch, MigratingFrom, PoweringDown) records which engine node runs it and
-- since when; the command's outcome write clears the mark. LockManager only sees its own JVM, so with
-- several engine nodes "not locked here" no longer means "nobody is working on it": monitoring asks this
-- mark instead (see the column op_mark_held of the view vms below).
ALTER TABLE vm_dynamic
    ADD COLUMN op_owner      text,
    ADD COLUMN op_started_at timestamptz;

-- Whether an engine node is alive now: its row exists and its heartbeat's expiry lies ahead, measured by
-- PostgreSQL's clock (now()), the one clock every node shares. A node that never wrote a heartbeat (one
-- engine without the cluster heartbeat) is not alive here, so its marks count as interrupted, as before.
CREATE FUNCTION engine_node_alive(v_node_id text) RETURNS boolean AS $$
    SELECT EXISTS (SELECT 1 FROM engine_node WHERE node_id = v_node_id AND expires_at > now());
$$ LANGUAGE sql STABLE;

-- Whether a VM's in-flight mark is held, i.e. its command may still be running: a node holds it, that node is
-- alive, and the mark is younger than any command keeps a VM in flight. A command marks a VM for one agent
-- call (bounded by VdsRequestTimeoutSeconds, 10 s by default) and the short transaction recording its outcome;
-- ten minutes is far beyond that, so an older mark is one whose outcome write never happened (the database
-- failed then, say) although its node lives on, and holding it longer would leave the VM transitional for good.
CREATE FUNCTION vm_operation_mark_held(v_op_owner text, v_op_started_at timestamptz) RETURNS boolean AS $$
    SELECT v_op_owner IS NOT NULL
       AND v_op_started_at > now() - interval '10 minutes'
       AND engine_node_alive(v_op_owner);
$$ LANGUAGE sql STABLE;

-- The VM's in-flight mark and whether it is held, appended to the view (CREATE OR REPLACE keeps the functions
-- that return SETOF vms). Monitoring treats a transitional VM as interrupted by an engine death only when it
-- is not locked in its own JVM AND its mark is not held (no mark, its node is not alive, or it is stale) or it
-- is this very node's mark (a node that restarted lost its in-memory commands). A mark held by another node
-- is that node's command in flight: monitoring leaves the VM to it, as it leaves alone a VM locked in its JVM.
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
       vs.version,
       vd.op_owner,
       vd.op_started_at,
       vm_operation_mark_held(vd.op_owner, vd.op_started_at) AS op_mark_held
FROM vm_static vs
JOIN vm_dynamic vd ON vd.vm_guid = vs.vm_guid
LEFT JOIN vds_groups g ON g.vds_group_id = vs.vds_group_id
LEFT JOIN vds_static h ON h.vds_id = vd.run_on_vds
LEFT JOIN vm_static t ON t.vm_guid = vs.vmt_guid
WHERE vs.entity_type = 'VM';

