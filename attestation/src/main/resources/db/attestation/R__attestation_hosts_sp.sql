-- Stored procedures of attestation.hosts and attestation.host_verdicts (every write goes
-- through one). Names are schema-qualified: the service's connections keep the engine's
-- search_path.

create or replace view attestation.hosts_view as
select h.host_name, h.agent_url, h.aik_public_pem, h.aik_sha256, h.bios_name, h.bios_version,
       h.vmm_name, h.vmm_version, h.registered_at, h.updated_at,
       v.trust_lvl, v.vtime, v.failed_check, v.reason,
       h.ek_sha256, h.ek_cert_pem, h.approval, h.approval_changed_at
from attestation.hosts h
left join attestation.host_verdicts v on v.host_name = h.host_name;

-- Registration without a proof is gone (issue 12): hosts enroll through
-- attestation.EnrollHost (R__attestation_enrollment_sp.sql) after credential activation.
drop function if exists attestation.RegisterHost(varchar, varchar, text, varchar, varchar, varchar, varchar, varchar);

create or replace function attestation.DeleteHost(v_host_name varchar)
returns boolean as $$
begin
    delete from attestation.hosts where host_name = v_host_name;
    return found;
end;
$$ language plpgsql;

create or replace function attestation.GetHostByName(v_host_name varchar)
returns setof attestation.hosts_view as $$
    select * from attestation.hosts_view where host_name = v_host_name;
$$ language sql stable;

create or replace function attestation.GetHostsByNames(v_host_names varchar[])
returns setof attestation.hosts_view as $$
    select * from attestation.hosts_view where host_name = any (v_host_names);
$$ language sql stable;

create or replace function attestation.GetAllHosts()
returns setof attestation.hosts_view as $$
    select * from attestation.hosts_view order by host_name;
$$ language sql stable;

-- The host may have been deleted while it was polled: then there is nothing to keep.
create or replace function attestation.UpdateHostVerdict(v_host_name varchar, v_trust_lvl varchar, v_vtime timestamptz,
        v_failed_check varchar, v_reason text)
returns void as $$
    insert into attestation.host_verdicts (host_name, trust_lvl, vtime, failed_check, reason)
    select v_host_name, v_trust_lvl, v_vtime, v_failed_check, v_reason
    where exists (select 1 from attestation.hosts where host_name = v_host_name)
    on conflict (host_name) do update
        set trust_lvl = excluded.trust_lvl, vtime = excluded.vtime,
            failed_check = excluded.failed_check, reason = excluded.reason;
$$ language sql;
