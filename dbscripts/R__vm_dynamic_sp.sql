-- VMs, run-time part (table vm_dynamic). Status is VMStatus's int value.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertVmDynamic(
    v_vm_guid uuid,
    v_status integer,
    v_run_on_vds uuid,
    v_migrating_to_vds uuid,
    v_last_start_time timestamptz,
    v_last_stop_time timestamptz,
    v_exit_message text)
RETURNS void AS $$
BEGIN
    INSERT INTO vm_dynamic (vm_guid, status, run_on_vds, migrating_to_vds,
                            last_start_time, last_stop_time, exit_message)
    VALUES (v_vm_guid, v_status, v_run_on_vds, v_migrating_to_vds,
            v_last_start_time, v_last_stop_time, v_exit_message);
END;
$$ LANGUAGE plpgsql;

-- Every write of a VM's run-time state is a compare-and-set now (UpdateVmDynamicIfUnchanged): several engine
-- nodes share the table, and a blind write could undo what another node decided.
DROP FUNCTION IF EXISTS UpdateVmDynamic(uuid, integer, uuid, uuid, timestamptz, timestamptz, text);

CREATE OR REPLACE FUNCTION GetVmDynamicByVmGuid(v_vm_guid uuid)
RETURNS SETOF vm_dynamic AS $$
    SELECT * FROM vm_dynamic WHERE vm_guid = v_vm_guid;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION DeleteVmDynamic(v_vm_guid uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vm_dynamic WHERE vm_guid = v_vm_guid;
END;
$$ LANGUAGE plpgsql;

-- Reserving a host's capacity for a VM about to start or migrate there (oVirt's pending resources),
-- decided here in PostgreSQL so that two placements, in one engine or several, cannot both take the
-- last room on a host. The reservation is the VM's own transitional row in vm_dynamic: WaitForLaunch
-- with run_on_vds set (a start), or MigratingFrom with migrating_to_vds set (a migration), which the
-- view vds already counts in mem_committed_mb; it is released by the outcome the engine records after
-- the agent call (Up, or back to Down / Up on the source), or by monitoring after an engine restart.

-- Returns 0 reserved; 1 the host is gone or not Up; 2 not enough memory left on it; 3 the VM is no
-- longer in the expected status (another start, stop or migration got there first).
-- v_op_owner: the engine node that runs the command; the reservation records it (op_owner, op_started_at)
-- as the VM's in-flight mark, which the command's outcome write (UpdateVmDynamicIfUnchanged) clears.
-- The signature without v_op_owner (before V13) is dropped first: CREATE OR REPLACE cannot add an argument.
DROP FUNCTION IF EXISTS ReserveVdsForVm(uuid, uuid, integer, uuid, integer, boolean, timestamptz);
CREATE OR REPLACE FUNCTION ReserveVdsForVm(
    v_vm_guid uuid,
    v_vds_id uuid,
    v_expected_status integer,
    v_expected_run_on_vds uuid,
    v_new_status integer,
    v_migration boolean,
    v_time timestamptz,
    v_op_owner text)
RETURNS integer AS $$
DECLARE
    v_physical_mem_mb bigint;
    v_host_status integer;
    v_committed_mb bigint;
    v_needed_mb bigint;
BEGIN
    -- The host's row lock orders all reservations on this host until their transactions end; each
    -- statement below then sees the reservations committed before it (READ COMMITTED).
    SELECT physical_mem_mb, status INTO v_physical_mem_mb, v_host_status
    FROM vds_dynamic WHERE vds_id = v_vds_id FOR UPDATE;
    IF NOT FOUND OR v_host_status <> 3 THEN -- VDSStatus.Up
        RETURN 1;
    END IF;
    SELECT mem_size_mb INTO v_needed_mb FROM vm_static WHERE vm_guid = v_vm_guid;
    IF NOT FOUND THEN
        RETURN 3;
    END IF;
    -- The same sum as the view vds: a VM counts on both ends of a migration; Down 0, Suspended 13,
    -- ImageIllegal 14 and ImageLocked 15 occupy no host.
    SELECT COALESCE(sum(vs.mem_size_mb), 0) INTO v_committed_mb
    FROM vm_dynamic vd
    JOIN vm_static vs ON vs.vm_guid = vd.vm_guid
    WHERE (vd.run_on_vds = v_vds_id OR vd.migrating_to_vds = v_vds_id)
      AND vd.status NOT IN (0, 13, 14, 15)
      AND vd.vm_guid <> v_vm_guid;
    IF v_committed_mb + v_needed_mb > v_physical_mem_mb THEN
        RETURN 2;
    END IF;
    IF v_migration THEN
        UPDATE vm_dynamic
        SET status = v_new_status,
            migrating_to_vds = v_vds_id,
            op_owner = v_op_owner,
            op_started_at = now()
        WHERE vm_guid = v_vm_guid
          AND status = v_expected_status
          AND run_on_vds IS NOT DISTINCT FROM v_expected_run_on_vds;
    ELSE
        UPDATE vm_dynamic
        SET status = v_new_status,
            run_on_vds = v_vds_id,
            migrating_to_vds = NULL,
            last_start_time = v_time,
            exit_message = NULL,
            op_owner = v_op_owner,
            op_started_at = now()
        WHERE vm_guid = v_vm_guid
          AND status = v_expected_status;
    END IF;
    IF NOT FOUND THEN
        RETURN 3;
    END IF;
    RETURN 0;
END;
$$ LANGUAGE plpgsql;

-- Changes a VM's status only if it still is the expected one (a stop or an outcome that must not
-- overwrite what another engine or monitoring recorded meanwhile). Returns whether it changed.
CREATE OR REPLACE FUNCTION UpdateVmDynamicStatusIfUnchanged(
    v_vm_guid uuid,
    v_expected_status integer,
    v_status integer)
RETURNS boolean AS $$
BEGIN
    UPDATE vm_dynamic SET status = v_status WHERE vm_guid = v_vm_guid AND status = v_expected_status;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- A command enters a transitional status (StopVm: PoweringDown) only from the status it validated, and
-- marks the VM as in flight on its engine node (op_owner, op_started_at). Returns whether it did: false
-- means another command, here or on another node, or monitoring changed the VM first.
CREATE OR REPLACE FUNCTION BeginVmOperationIfUnchanged(
    v_vm_guid uuid,
    v_expected_status integer,
    v_status integer,
    v_op_owner text)
RETURNS boolean AS $$
BEGIN
    UPDATE vm_dynamic
    SET status = v_status,
        op_owner = v_op_owner,
        op_started_at = now()
    WHERE vm_guid = v_vm_guid
      AND status = v_expected_status;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- Compare and set of a VM's run-time row: the write happens only if the VM still has the status, the host
-- (run_on_vds) and the in-flight mark (op_owner, NULL for none) the caller read or set; it clears the mark,
-- since every caller records an outcome (a command's Up / Down / back-as-before, or what monitoring learnt
-- from a host). Returns whether it wrote: two engine nodes recording an outcome for the same VM cannot both
-- win, and the loser writes no audit entry (the winner's is the one).
CREATE OR REPLACE FUNCTION UpdateVmDynamicIfUnchanged(
    v_vm_guid uuid,
    v_expected_status integer,
    v_expected_run_on_vds uuid,
    v_expected_op_owner text,
    v_status integer,
    v_run_on_vds uuid,
    v_migrating_to_vds uuid,
    v_last_start_time timestamptz,
    v_last_stop_time timestamptz,
    v_exit_message text)
RETURNS boolean AS $$
BEGIN
    UPDATE vm_dynamic
    SET status = v_status,
        run_on_vds = v_run_on_vds,
        migrating_to_vds = v_migrating_to_vds,
        last_start_time = v_last_start_time,
        last_stop_time = v_last_stop_time,
        exit_message = v_exit_message,
        op_owner = NULL,
        op_started_at = NULL
    WHERE vm_guid = v_vm_guid
      AND status = v_expected_status
      AND run_on_vds IS NOT DISTINCT FROM v_expected_run_on_vds
      AND op_owner IS NOT DISTINCT FROM v_expected_op_owner;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;
