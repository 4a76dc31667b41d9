-- Data centers (table storage_pool).
-- R__ files are re-run whenever they change, hence CREATE OR REPLACE throughout.
-- CREATE OR REPLACE cannot change a function's argument list or result type: to do that,
-- add a DROP FUNCTION IF EXISTS for the old signature above the new definition.

CREATE OR REPLACE FUNCTION InsertStoragePool(
    v_id uuid,
    v_name varchar,
    v_description varchar,
    v_compatibility_version varchar)
RETURNS void AS $$
BEGIN
    INSERT INTO storage_pool (id, name, description, compatibility_version)
    VALUES (v_id, v_name, v_description, v_compatibility_version);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION UpdateStoragePool(
    v_id uuid,
    v_name varchar,
    v_description varchar,
    v_compatibility_version varchar)
RETURNS void AS $$
BEGIN
    UPDATE storage_pool
    SET name = v_name,
        description = v_description,
        compatibility_version = v_compatibility_version
    WHERE id = v_id;
END;
$$ LANGUAGE plpgsql;

-- Reads are plain SQL functions: PostgreSQL checks their bodies when they are created,
-- so a misspelt column fails the migration instead of the first call.
CREATE OR REPLACE FUNCTION GetStoragePoolById(v_id uuid)
RETURNS SETOF storage_pool AS $$
    SELECT * FROM storage_pool WHERE id = v_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetStoragePoolByName(v_name varchar)
RETURNS SETOF storage_pool AS $$
    SELECT * FROM storage_pool WHERE name = v_name;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromStoragePool()
RETURNS SETOF storage_pool AS $$
    SELECT * FROM storage_pool ORDER BY name;
$$ LANGUAGE sql STABLE;
