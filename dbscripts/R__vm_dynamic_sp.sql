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

CREATE OR REPLACE FUNCTION UpdateVmDynamic(
    v_vm_guid uuid,
    v_status integer,
    v_run_on_vds uuid,
    v_migrating_to_vds uuid,
    v_last_start_time timestamptz,
    v_last_stop_time timestamptz,
    v_exit_message text)
RETURNS void AS $$
BEGIN
    UPDATE vm_dynamic
    SET status = v_status,
        run_on_vds = v_run_on_vds,
        migrating_to_vds = v_migrating_to_vds,
        last_start_time = v_last_start_time,
        last_stop_time = v_last_stop_time,
        exit_message = v_exit_message
    WHERE vm_guid = v_vm_guid;
END;
$$ LANGUAGE plpgsql;

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
