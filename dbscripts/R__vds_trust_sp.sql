-- Last attestation verdict per host (table vds_trust).

-- The five-argument version (before ek_fingerprint, V7): one UpsertVdsTrust only.
DROP FUNCTION IF EXISTS UpsertVdsTrust(uuid, varchar, timestamptz, text, timestamptz);

CREATE OR REPLACE FUNCTION UpsertVdsTrust(
    v_vds_id uuid,
    v_trust_level varchar,
    v_verified_at timestamptz,
    v_reason text,
    v_checked_at timestamptz,
    v_ek_fingerprint varchar)
RETURNS void AS $$
BEGIN
    INSERT INTO vds_trust (vds_id, trust_level, verified_at, reason, checked_at, ek_fingerprint)
    VALUES (v_vds_id, v_trust_level, v_verified_at, v_reason, coalesce(v_checked_at, now()), v_ek_fingerprint)
    ON CONFLICT (vds_id) DO UPDATE
    SET trust_level = EXCLUDED.trust_level,
        verified_at = EXCLUDED.verified_at,
        reason = EXCLUDED.reason,
        checked_at = EXCLUDED.checked_at,
        ek_fingerprint = EXCLUDED.ek_fingerprint;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetVdsTrustByVdsId(v_vds_id uuid)
RETURNS SETOF vds_trust AS $$
    SELECT * FROM vds_trust WHERE vds_id = v_vds_id;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION GetAllFromVdsTrust()
RETURNS SETOF vds_trust AS $$
    SELECT * FROM vds_trust;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION DeleteVdsTrust(v_vds_id uuid)
RETURNS void AS $$
BEGIN
    DELETE FROM vds_trust WHERE vds_id = v_vds_id;
END;
$$ LANGUAGE plpgsql;
