-- Clusters (table vds_groups; reads through vds_groups_view for the data center's name).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertVdsGroups(
    v_vds_group_id uuid,
    v_name varchar,
    v_description varchar,
    v_storage_pool_id uuid,
    v_cpu_name varchar,
    v_compatibility_version varchar,
    v_trusted_service boolean)
RETURNS void AS $$
BEGIN
    INSERT INTO vds_groups (vds_group_id, name, description, storage_pool_id, cpu_name, compatibility_version, trusted_service)
    VALUES (v_vds_group_id, v_name, v_description, v_storage_pool_id, v_cpu_name, v_compatibility_version,
            coalesce(v_trusted_service, false));
END;
$$ LANGUAGE plpgsql;

-- Compare-and-set on version, as UpdateVmStatic: false (nothing written) when the cluster changed
-- since the caller read it.
CREATE OR REPLACE FUNCTION UpdateVdsGroup(
    v_vds_group_id uuid,
    v_name varchar,
    v_description varchar,
    v_storage_pool_id uuid,
    v_cpu_name varchar,
    v_compatibility_version varchar,
    v_trusted_service boolean,
    v_version bigint)
RETURNS boolean AS $$
BEGIN
    UPDATE vds_groups
    SET name = v_name,
        description = v_description,
        storage_pool_id = v_storage_pool_id,
        cpu_name = v_cpu_name,
        compatibility_version = v_compatibility_version,
        trusted_service = coalesce(v_trusted_service, false),
        version = version + 1
    WHERE vds_group_id = v_vds_group_id AND version = v_version;
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- Fails (foreign key) while hosts, VMs or templates still belong to the cluster.
CREATE OR REPLACE FUNCTION DeleteVdsGroup(v_vds_group_id uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vds_groups WHERE vds_group_id = v_vds_group_id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVdsGroupByVdsGroupId(v_vds_group_id uuid)
RETURNS SETOF vds_groups_view AS $$
    SELECT * FROM vds_groups_view WHERE vds_group_id = v_vds_group_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsGroupByName(v_name varchar)
RETURNS SETOF vds_groups_view AS $$
    SELECT * FROM vds_groups_view WHERE name = v_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVdsGroups()
RETURNS SETOF vds_groups_view AS $$
    SELECT * FROM vds_groups_view ORDER BY name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsGroupsByStoragePoolId(v_storage_pool_id uuid)
RETURNS SETOF vds_groups_view AS $$
    SELECT * FROM vds_groups_view WHERE storage_pool_id = v_storage_pool_id ORDER BY name;
$$ LANGUAGE sql STABLE;

-- The clusters whose hosts must be attested (trusted compute pools).
CREATE OR REPLACE FUNCTION GetTrustedVdsGroups()
RETURNS SETOF vds_groups_view AS $$
    SELECT * FROM vds_groups_view WHERE trusted_service ORDER BY name;
$$ LANGUAGE sql STABLE;
