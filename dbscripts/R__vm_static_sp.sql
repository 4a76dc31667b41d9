-- VMs, configured part (table vm_static, entity_type 'VM'). Templates live in the same table
-- but have their own functions (R__vm_templates_sp.sql); every function here filters on
-- entity_type so that a VM call can never read, change or delete a template.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

-- v_vmt_guid NULL means "made from no template", which oVirt records as Blank.
-- v_creation_date NULL means now.
CREATE OR REPLACE FUNCTION InsertVmStatic(
    v_vm_guid uuid,
    v_vm_name varchar,
    v_description varchar,
    v_vds_group_id uuid,
    v_vmt_guid uuid,
    v_mem_size_mb integer,
    v_num_of_cpus integer,
    v_os_type varchar,
    v_dedicated_vm_for_vds uuid,
    v_migration_support integer,
    v_auto_startup boolean,
    v_creation_date timestamptz,
    v_trusted_host_flag boolean)
RETURNS void AS $$
BEGIN
    INSERT INTO vm_static (vm_guid, vm_name, description, entity_type, vds_group_id, vmt_guid,
                           mem_size_mb, num_of_cpus, os_type, dedicated_vm_for_vds,
                           migration_support, auto_startup, creation_date, trusted_host_flag)
    VALUES (v_vm_guid, v_vm_name, v_description, 'VM', v_vds_group_id,
            COALESCE(v_vmt_guid, '00000000-0000-0000-0000-000000000000'::uuid),
            v_mem_size_mb, v_num_of_cpus, v_os_type, v_dedicated_vm_for_vds,
            v_migration_support, v_auto_startup, COALESCE(v_creation_date, now()), COALESCE(v_trusted_host_flag, false));
END;
$$ LANGUAGE plpgsql;

-- creation_date is not updatable: it records when the VM was added. Compare-and-set on version: the
-- row changes (and its version goes up by one) only if it is still the version the caller read; false
-- when it changed meanwhile (or is not there), and then nothing was written.
CREATE OR REPLACE FUNCTION UpdateVmStatic(
    v_vm_guid uuid,
    v_vm_name varchar,
    v_description varchar,
    v_vds_group_id uuid,
    v_vmt_guid uuid,
    v_mem_size_mb integer,
    v_num_of_cpus integer,
    v_os_type varchar,
    v_dedicated_vm_for_vds uuid,
    v_migration_support integer,
    v_auto_startup boolean,
    v_trusted_host_flag boolean,
    v_version bigint)
RETURNS boolean AS $$
BEGIN
    UPDATE vm_static
    SET vm_name = v_vm_name,
        description = v_description,
        vds_group_id = v_vds_group_id,
        vmt_guid = COALESCE(v_vmt_guid, '00000000-0000-0000-0000-000000000000'::uuid),
        mem_size_mb = v_mem_size_mb,
        num_of_cpus = v_num_of_cpus,
        os_type = v_os_type,
        dedicated_vm_for_vds = v_dedicated_vm_for_vds,
        migration_support = v_migration_support,
        auto_startup = v_auto_startup,
        trusted_host_flag = COALESCE(v_trusted_host_flag, false),
        version = version + 1
    WHERE vm_guid = v_vm_guid AND entity_type = 'VM' AND version = v_version;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- Also removes the VM's vm_dynamic row (cascade).
CREATE OR REPLACE FUNCTION DeleteVmStatic(v_vm_guid uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vm_static WHERE vm_guid = v_vm_guid AND entity_type = 'VM';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVmStaticByVmGuid(v_vm_guid uuid)
RETURNS SETOF vm_static AS $$
    SELECT * FROM vm_static WHERE vm_guid = v_vm_guid AND entity_type = 'VM';
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmStaticByName(v_vm_name varchar)
RETURNS SETOF vm_static AS $$
    SELECT * FROM vm_static WHERE vm_name = v_vm_name AND entity_type = 'VM';
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmStaticByVmtGuid(v_vmt_guid uuid)
RETURNS SETOF vm_static AS $$
    SELECT * FROM vm_static WHERE vmt_guid = v_vmt_guid AND entity_type = 'VM' ORDER BY vm_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmStaticByVdsGroupId(v_vds_group_id uuid)
RETURNS SETOF vm_static AS $$
    SELECT * FROM vm_static WHERE vds_group_id = v_vds_group_id AND entity_type = 'VM' ORDER BY vm_name;
$$ LANGUAGE sql STABLE;
