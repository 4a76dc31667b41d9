-- Stored procedures of attestation.hosts and attestation.host_verdicts (every write goes
-- through one). Names are schema-qualified: the service's connections keep the engine's
-- search_path.

create or replace view attestation.hosts_view as
select h.host_name, h.agent_url, h.aik_public_pem, h.aik_sha256, h.bios_name, h.bios_version,
       h.vmm_name, h.vmm_version, h.registered_at, h.updated_at,
       v.trust_lvl, v.vtime, v.failed_check, v.reason
from attestation.hosts h
left join attestation.host_verdicts v on v.host_name = h.host_name;

-- 'created', 'unchanged', 'updated' (same AIK, other address or BIOS/VMM) or 'conflict'
-- (another AIK: nothing changes).
create or replace function attestation.RegisterHost(v_host_name varchar, v_agent_url varchar, v_aik_public_pem text,
        v_aik_sha256 varchar, v_bios_name varchar, v_bios_version varchar, v_vmm_name varchar, v_vmm_version varchar)
returns varchar as $$
declare
    existing attestation.hosts%rowtype;
begin
    insert into attestation.hosts (host_name, agent_url, aik_public_pem, aik_sha256, bios_name, bios_version,
                                   vmm_name, vmm_version)
    values (v_host_name, v_agent_url, v_aik_public_pem, v_aik_sha256, v_bios_name, v_bios_version,
            v_vmm_name, v_vmm_version)
    on conflict (host_name) do nothing;
    if found then
        return 'created';
    end if;
    select * into existing from attestation.hosts where host_name = v_host_name for update;
    if existing.aik_sha256 <> v_aik_sha256 then
        return 'conflict';
    end if;
    if existing.agent_url = v_agent_url and existing.bios_name = v_bios_name and existing.bios_version = v_bios_version
            and existing.vmm_name = v_vmm_name and existing.vmm_version = v_vmm_version then
        return 'unchanged';
    end if;
    update attestation.hosts
    set agent_url = v_agent_url, bios_name = v_bios_name, bios_version = v_bios_version,
        vmm_name = v_vmm_name, vmm_version = v_vmm_version, updated_at = now()
    where host_name = v_host_name;
    return 'updated';
end;
$$ language plpgsql;

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
