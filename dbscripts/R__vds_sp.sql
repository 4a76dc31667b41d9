-- Hosts as the engine reads them (view vds).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION GetVdsByVdsId(v_vds_id uuid)
RETURNS SETOF vds AS $$
    SELECT * FROM vds WHERE vds_id = v_vds_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsByName(v_vds_name varchar)
RETURNS SETOF vds AS $$
    SELECT * FROM vds WHERE vds_name = v_vds_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVds()
RETURNS SETOF vds AS $$
    SELECT * FROM vds ORDER BY vds_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsByVdsGroupId(v_vds_group_id uuid)
RETURNS SETOF vds AS $$
    SELECT * FROM vds WHERE vds_group_id = v_vds_group_id ORDER BY vds_name;
$$ LANGUAGE sql STABLE;
