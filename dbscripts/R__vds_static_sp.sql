-- Hosts, configured part (table vds_static).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertVdsStatic(
    v_vds_id uuid,
    v_vds_name varchar,
    v_host_name varchar,
    v_port integer,
    v_vds_group_id uuid,
    v_comment text)
RETURNS void AS $$
BEGIN
    INSERT INTO vds_static (vds_id, vds_name, host_name, port, vds_group_id, comment)
    VALUES (v_vds_id, v_vds_name, v_host_name, v_port, v_vds_group_id, v_comment);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION UpdateVdsStatic(
    v_vds_id uuid,
    v_vds_name varchar,
    v_host_name varchar,
    v_port integer,
    v_vds_group_id uuid,
    v_comment text)
RETURNS void AS $$
BEGIN
    UPDATE vds_static
    SET vds_name = v_vds_name,
        host_name = v_host_name,
        port = v_port,
        vds_group_id = v_vds_group_id,
        comment = v_comment
    WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

-- Also removes the host's vds_dynamic row (cascade) and clears VM pins to it;
-- fails while a VM still runs on or migrates to the host.
CREATE OR REPLACE FUNCTION DeleteVdsStatic(v_vds_id uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vds_static WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVdsStaticByVdsId(v_vds_id uuid)
RETURNS SETOF vds_static AS $$
    SELECT * FROM vds_static WHERE vds_id = v_vds_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsStaticByVdsName(v_vds_name varchar)
RETURNS SETOF vds_static AS $$
    SELECT * FROM vds_static WHERE vds_name = v_vds_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetVdsStaticByHostNameAndPort(v_host_name varchar, v_port integer)
RETURNS SETOF vds_static AS $$
    SELECT * FROM vds_static WHERE host_name = v_host_name AND port = v_port;
$$ LANGUAGE sql STABLE;
