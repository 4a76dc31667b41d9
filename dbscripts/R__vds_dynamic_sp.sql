-- Hosts, monitored part (table vds_dynamic). Status and reason are the enums' int values.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertVdsDynamic(
    v_vds_id uuid,
    v_status integer,
    v_non_operational_reason integer,
    v_cpu_cores integer,
    v_physical_mem_mb bigint,
    v_mem_free_mb bigint,
    v_vm_count integer,
    v_cpu_usage_percent double precision,
    v_last_response timestamptz)
RETURNS void AS $$
BEGIN
    INSERT INTO vds_dynamic (vds_id, status, non_operational_reason, cpu_cores, physical_mem_mb,
                             mem_free_mb, vm_count, cpu_usage_percent, last_response)
    VALUES (v_vds_id, v_status, v_non_operational_reason, v_cpu_cores, v_physical_mem_mb,
            v_mem_free_mb, v_vm_count, v_cpu_usage_percent, v_last_response);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION UpdateVdsDynamic(
    v_vds_id uuid,
    v_status integer,
    v_non_operational_reason integer,
    v_cpu_cores integer,
    v_physical_mem_mb bigint,
    v_mem_free_mb bigint,
    v_vm_count integer,
    v_cpu_usage_percent double precision,
    v_last_response timestamptz)
RETURNS void AS $$
BEGIN
    UPDATE vds_dynamic
    SET status = v_status,
        non_operational_reason = v_non_operational_reason,
        cpu_cores = v_cpu_cores,
        physical_mem_mb = v_physical_mem_mb,
        mem_free_mb = v_mem_free_mb,
        vm_count = v_vm_count,
        cpu_usage_percent = v_cpu_usage_percent,
        last_response = v_last_response
    WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

-- Status only, so that a status change does not overwrite statistics written concurrently.
CREATE OR REPLACE FUNCTION UpdateVdsDynamicStatus(v_vds_id uuid, v_status integer)
RETURNS void AS $$
BEGIN
    UPDATE vds_dynamic SET status = v_status WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

-- Status and reason are written by compare-and-set only (UpdateVdsDynamicStatusAndReasonsIfUnchanged): the
-- caller acts on the change (evacuates, audits) only when it won, so two engine nodes never both do.
DROP FUNCTION IF EXISTS UpdateVdsDynamicStatusAndReasons(uuid, integer, integer);

CREATE OR REPLACE FUNCTION GetVdsDynamicByVdsId(v_vds_id uuid)
RETURNS SETOF vds_dynamic AS $$
    SELECT * FROM vds_dynamic WHERE vds_id = v_vds_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION DeleteVdsDynamic(v_vds_id uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vds_dynamic WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

-- What monitoring learns (capacity, load, last answer), never the status: a command may have
-- changed the status since monitoring read the row, and a full-row write would undo it.
CREATE OR REPLACE FUNCTION UpdateVdsDynamicRuntimeInfo(
    v_vds_id uuid,
    v_cpu_cores integer,
    v_physical_mem_mb bigint,
    v_mem_free_mb bigint,
    v_vm_count integer,
    v_cpu_usage_percent double precision,
    v_last_response timestamptz)
RETURNS void AS $$
BEGIN
    UPDATE vds_dynamic
    SET cpu_cores = v_cpu_cores,
        physical_mem_mb = v_physical_mem_mb,
        mem_free_mb = v_mem_free_mb,
        vm_count = v_vm_count,
        cpu_usage_percent = v_cpu_usage_percent,
        last_response = v_last_response
    WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

-- Compare and set: changes the status only if it still is what the caller saw; answers whether it did.
CREATE OR REPLACE FUNCTION UpdateVdsDynamicStatusIfUnchanged(
    v_vds_id uuid,
    v_expected_status integer,
    v_status integer)
RETURNS boolean AS $$
DECLARE
    changed integer;
BEGIN
    UPDATE vds_dynamic SET status = v_status WHERE vds_id = v_vds_id AND status = v_expected_status;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed > 0;
END;
$$ LANGUAGE plpgsql;

-- Compare and set of a host's status and non-operational reason, for the commands that move a host in or
-- out of service (InitVdsOnUp -> Up, SetNonOperationalVds, MaintenanceVds, VdsManager.activate). The row
-- changes only if its status still is the one the caller validated AND the write changes something: two
-- engine nodes that both saw the same untrusted host both ask for NonOperational/UNTRUSTED, and the second
-- must lose even when the first already wrote exactly what it wanted, so that there is one NonOperational,
-- one evacuation and one audit entry. Returns whether it wrote.
CREATE OR REPLACE FUNCTION UpdateVdsDynamicStatusAndReasonsIfUnchanged(
    v_vds_id uuid,
    v_expected_status integer,
    v_status integer,
    v_non_operational_reason integer)
RETURNS boolean AS $$
BEGIN
    UPDATE vds_dynamic
    SET status = v_status,
        non_operational_reason = v_non_operational_reason
    WHERE vds_id = v_vds_id
      AND status = v_expected_status
      AND (status, non_operational_reason) IS DISTINCT FROM (v_status, v_non_operational_reason);
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;
