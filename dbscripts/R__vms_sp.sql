-- VMs as the engine reads them (view vms; templates excluded).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION GetVmByVmGuid(v_vm_guid uuid)
RETURNS SETOF vms AS $$
    SELECT * FROM vms WHERE vm_guid = v_vm_guid;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmByName(v_vm_name varchar)
RETURNS SETOF vms AS $$
    SELECT * FROM vms WHERE vm_name = v_vm_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVms()
RETURNS SETOF vms AS $$
    SELECT * FROM vms ORDER BY vm_name;
$$ LANGUAGE sql STABLE;

-- Only the source host of a migration: the destination has it in migrating_to_vds.
CREATE OR REPLACE FUNCTION GetVmsRunningOnVds(v_vds_id uuid)
RETURNS SETOF vms AS $$
    SELECT * FROM vms WHERE run_on_vds = v_vds_id ORDER BY vm_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVmsByVdsGroupId(v_vds_group_id uuid)
RETURNS SETOF vms AS $$
    SELECT * FROM vms WHERE vds_group_id = v_vds_group_id ORDER BY vm_name;
$$ LANGUAGE sql STABLE;
