-- Templates (table vm_static, entity_type 'TEMPLATE'; reads through vm_templates_view).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

-- A template's vmt_guid is its own id, as for oVirt's base templates.
-- v_creation_date NULL means now.
CREATE OR REPLACE FUNCTION InsertVmTemplate(
    v_vmt_guid uuid,
    v_name varchar,
    v_description varchar,
    v_vds_group_id uuid,
    v_mem_size_mb integer,
    v_num_of_cpus integer,
    v_os_type varchar,
    v_creation_date timestamptz,
    v_trusted_host_flag boolean)
RETURNS void AS $$
BEGIN
    INSERT INTO vm_static (vm_guid, vm_name, description, entity_type, vds_group_id, vmt_guid,
                           mem_size_mb, num_of_cpus, os_type, creation_date, trusted_host_flag)
    VALUES (v_vmt_guid, v_name, v_description, 'TEMPLATE', v_vds_group_id, v_vmt_guid,
            v_mem_size_mb, v_num_of_cpus, v_os_type, COALESCE(v_creation_date, now()), COALESCE(v_trusted_host_flag, false));
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION UpdateVmTemplate(
    v_vmt_guid uuid,
    v_name varchar,
    v_description varchar,
    v_vds_group_id uuid,
    v_mem_size_mb integer,
    v_num_of_cpus integer,
    v_os_type varchar,
    v_trusted_host_flag boolean)
RETURNS void AS $$
BEGIN
    UPDATE vm_static
    SET vm_name = v_name,
        description = v_description,
        vds_group_id = v_vds_group_id,
        mem_size_mb = v_mem_size_mb,
        num_of_cpus = v_num_of_cpus,
        os_type = v_os_type,
        trusted_host_flag = COALESCE(v_trusted_host_flag, false)
    WHERE vm_guid = v_vmt_guid AND entity_type = 'TEMPLATE';
END;
$$ LANGUAGE plpgsql;

-- Blank is every VM's fallback template and must always exist. A template that VMs were
-- made from cannot be deleted either (foreign key from vm_static.vmt_guid).
CREATE OR REPLACE FUNCTION DeleteVmTemplates(v_vmt_guid uuid)
RETURNS void AS $$
BEGIN
    IF v_vmt_guid = '00000000-0000-0000-0000-000000000000'::uuid THEN
        RAISE EXCEPTION 'the Blank template cannot be deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    DELETE FROM vm_static WHERE vm_guid = v_vmt_guid AND entity_type = 'TEMPLATE';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVmTemplateByVmtGuid(v_vmt_guid uuid)
RETURNS SETOF vm_templates_view AS $$
    SELECT * FROM vm_templates_view WHERE vmt_guid = v_vmt_guid;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmTemplateByName(v_name varchar)
RETURNS SETOF vm_templates_view AS $$
    SELECT * FROM vm_templates_view WHERE name = v_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVmTemplates()
RETURNS SETOF vm_templates_view AS $$
    SELECT * FROM vm_templates_view ORDER BY name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmTemplatesByVdsGroupId(v_vds_group_id uuid)
RETURNS SETOF vm_templates_view AS $$
    SELECT * FROM vm_templates_view WHERE vds_group_id = v_vds_group_id ORDER BY name;
$$ LANGUAGE sql STABLE;
