-- Configuration values (table vdc_options). v_version NULL means 'general'.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

CREATE OR REPLACE FUNCTION InsertVdcOption(
    v_option_name varchar,
    v_option_value text,
    v_version varchar)
RETURNS void AS $$
BEGIN
    INSERT INTO vdc_options (option_name, option_value, version)
    VALUES (v_option_name, v_option_value, COALESCE(v_version, 'general'));
END;
$$ LANGUAGE plpgsql;

-- Identifies the option by (name, version); only the value changes.
CREATE OR REPLACE FUNCTION UpdateVdcOption(
    v_option_name varchar,
    v_option_value text,
    v_version varchar)
RETURNS void AS $$
BEGIN
    UPDATE vdc_options
    SET option_value = v_option_value
    WHERE option_name = v_option_name AND version = COALESCE(v_version, 'general');
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVdcOptionByName(v_name varchar, v_version varchar)
RETURNS SETOF vdc_options AS $$
    SELECT * FROM vdc_options WHERE option_name = v_name AND version = COALESCE(v_version, 'general');
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVdcOption()
RETURNS SETOF vdc_options AS $$
    SELECT * FROM vdc_options ORDER BY option_name, version;
$$ LANGUAGE sql STABLE;
