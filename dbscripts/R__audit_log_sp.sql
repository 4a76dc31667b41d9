-- Events (table audit_log). The log is append-only: there is no update or delete here.
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.

-- Returns the new audit_log_id. v_log_time NULL means now; v_custom_values NULL means {}.
CREATE OR REPLACE FUNCTION InsertAuditLog(
    v_log_time timestamptz,
    v_log_type varchar,
    v_severity varchar,
    v_message text,
    v_user_name varchar,
    v_vds_id uuid,
    v_vds_name varchar,
    v_vm_id uuid,
    v_vm_name varchar,
    v_vds_group_id uuid,
    v_vds_group_name varchar,
    v_correlation_id varchar,
    v_custom_values jsonb)
RETURNS bigint AS $$
DECLARE
    v_audit_log_id bigint;
BEGIN
    INSERT INTO audit_log (log_time, log_type, severity, message, user_name, vds_id, vds_name,
                           vm_id, vm_name, vds_group_id, vds_group_name, correlation_id, custom_values)
    VALUES (COALESCE(v_log_time, now()), v_log_type, v_severity, v_message, v_user_name, v_vds_id, v_vds_name,
            v_vm_id, v_vm_name, v_vds_group_id, v_vds_group_name, v_correlation_id,
            COALESCE(v_custom_values, '{}'::jsonb))
    RETURNING audit_log_id INTO v_audit_log_id;
    RETURN v_audit_log_id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION GetAuditLogByAuditLogId(v_audit_log_id bigint)
RETURNS SETOF audit_log AS $$
    SELECT * FROM audit_log WHERE audit_log_id = v_audit_log_id;
$$ LANGUAGE sql STABLE;

-- Newest first, at most v_max rows (NULL: all). Ordered by id, i.e. by insertion, because
-- log_time can tie (now() is the transaction's start time) or be supplied by the caller.
CREATE OR REPLACE FUNCTION GetAllFromAuditLog(v_max integer)
RETURNS SETOF audit_log AS $$
    SELECT * FROM audit_log ORDER BY audit_log_id DESC LIMIT v_max;
$$ LANGUAGE sql STABLE;

-- Events after the given id, oldest first: lets a reader poll for what it has not seen yet.
CREATE OR REPLACE FUNCTION GetAuditLogAfterId(v_id bigint)
RETURNS SETOF audit_log AS $$
    SELECT * FROM audit_log WHERE audit_log_id > v_id ORDER BY audit_log_id;
$$ LANGUAGE sql STABLE;
