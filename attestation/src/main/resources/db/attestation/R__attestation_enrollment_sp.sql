-- Stored procedures of enrollment: attestation.enrollment_challenges, attestation.ek_cas and the
-- binding of a host name to one EK and one AIK in attestation.hosts.

-- The first reason why this name/EK/AIK triple cannot be bound, or nothing:
--   ek_taken    the EK identifies another name (holder = that name)
--   aik_taken   the AIK identifies another name (holder = that name)
--   name_taken  the name is bound to another EK, or (registered before enrollment) to another AIK
--               (holder = that EK's or AIK's fingerprint); only an administrator may move it
create or replace function attestation.EnrollmentConflict(v_host_name varchar, v_ek_sha256 varchar, v_aik_sha256 varchar)
returns table (conflict varchar, holder varchar) as $$
    select 'ek_taken'::varchar, h.host_name::varchar from attestation.hosts h
    where h.ek_sha256 = v_ek_sha256 and h.host_name <> v_host_name
    union all
    select 'aik_taken'::varchar, h.host_name::varchar from attestation.hosts h
    where h.aik_sha256 = v_aik_sha256 and h.host_name <> v_host_name
    union all
    select 'name_taken'::varchar, coalesce(h.ek_sha256, h.aik_sha256)::varchar from attestation.hosts h
    where h.host_name = v_host_name
      and ((h.ek_sha256 is not null and h.ek_sha256 <> v_ek_sha256)
        or (h.ek_sha256 is null and h.aik_sha256 <> v_aik_sha256))
    limit 1;
$$ language sql stable;

-- Opens a challenge for this registration. Outcome:
--   issued     the challenge is stored (any older one for this name is dropped: the newest counts)
--   unchanged  the name is already bound to exactly this EK, AIK, address and BIOS/VMM: nothing to prove
--   busy       v_max_pending challenges are open already (expired ones are purged first)
--   ek_taken / aik_taken / name_taken, with the holder: see EnrollmentConflict
create or replace function attestation.IssueEnrollmentChallenge(v_challenge_id varchar, v_host_name varchar,
        v_agent_url varchar, v_aik_public_pem text, v_aik_sha256 varchar, v_ek_sha256 varchar, v_ek_cert_pem text,
        v_bios_name varchar, v_bios_version varchar, v_vmm_name varchar, v_vmm_version varchar,
        v_secret_sha256 varchar, v_ttl_seconds integer, v_max_pending integer)
returns table (outcome varchar, holder varchar) as $$
declare
    c record;
    open_count integer;
begin
    delete from attestation.enrollment_challenges where expires_at < now();
    select * into c from attestation.EnrollmentConflict(v_host_name, v_ek_sha256, v_aik_sha256);
    if found then
        return query select c.conflict, c.holder;
        return;
    end if;
    if exists (select 1 from attestation.hosts h where h.host_name = v_host_name and h.ek_sha256 = v_ek_sha256
               and h.aik_sha256 = v_aik_sha256 and h.agent_url = v_agent_url and h.bios_name = v_bios_name
               and h.bios_version = v_bios_version and h.vmm_name = v_vmm_name and h.vmm_version = v_vmm_version) then
        return query select 'unchanged'::varchar, null::varchar;
        return;
    end if;
    delete from attestation.enrollment_challenges where host_name = v_host_name;
    select count(*) into open_count from attestation.enrollment_challenges;
    if open_count >= v_max_pending then
        return query select 'busy'::varchar, null::varchar;
        return;
    end if;
    insert into attestation.enrollment_challenges (challenge_id, host_name, agent_url, aik_public_pem, aik_sha256,
            ek_sha256, ek_cert_pem, bios_name, bios_version, vmm_name, vmm_version, secret_sha256, expires_at)
    values (v_challenge_id, v_host_name, v_agent_url, v_aik_public_pem, v_aik_sha256, v_ek_sha256, v_ek_cert_pem,
            v_bios_name, v_bios_version, v_vmm_name, v_vmm_version, v_secret_sha256,
            now() + make_interval(secs => v_ttl_seconds));
    return query select 'issued'::varchar, null::varchar;
end;
$$ language plpgsql;

-- Takes the challenge out, whatever happens next: an answer (right or wrong) uses it up, so a
-- secret cannot be guessed by trying again. Expired ones come back too; the caller refuses them.
create or replace function attestation.ConsumeEnrollmentChallenge(v_challenge_id varchar)
returns setof attestation.enrollment_challenges as $$
    delete from attestation.enrollment_challenges where challenge_id = v_challenge_id returning *;
$$ language sql;

-- Binds the name to the EK and AIK of an answered challenge (its row, as
-- ConsumeEnrollmentChallenge returned it). Outcome 'created' (a new name, in approval state
-- v_new_approval), 'unchanged' (nothing differs), 'updated' (the same EK: new address, BIOS/VMM or AIK; its approval state is
-- kept) or a conflict (ek_taken / aik_taken / name_taken with the holder): checked again here
-- under lock, since another enrollment may have won since the challenge was issued.

create or replace function attestation.EnrollHost(v_host_name varchar, v_agent_url varchar, v_aik_public_pem text,
        v_aik_sha256 varchar, v_ek_sha256 varchar, v_ek_cert_pem text, v_bios_name varchar, v_bios_version varchar,
        v_vmm_name varchar, v_vmm_version varchar, v_new_approval varchar)
returns table (outcome varchar, holder varchar) as $$
declare
    c record;
    existing attestation.hosts%rowtype;
begin
    -- serialises enrollments: the conflict check and the write below must see the same table
    lock table attestation.hosts in share row exclusive mode;
    select * into c from attestation.EnrollmentConflict(v_host_name, v_ek_sha256, v_aik_sha256);
    if found then
        return query select c.conflict, c.holder;
        return;
    end if;
    select * into existing from attestation.hosts where host_name = v_host_name;
    if not found then
        insert into attestation.hosts (host_name, agent_url, aik_public_pem, aik_sha256, bios_name, bios_version,
                                       vmm_name, vmm_version, ek_sha256, ek_cert_pem, approval, approval_changed_at)
        values (v_host_name, v_agent_url, v_aik_public_pem, v_aik_sha256, v_bios_name, v_bios_version,
                v_vmm_name, v_vmm_version, v_ek_sha256, v_ek_cert_pem, v_new_approval, now());
        return query select 'created'::varchar, null::varchar;
        return;
    end if;
    if existing.ek_sha256 is not distinct from v_ek_sha256 and existing.aik_sha256 = v_aik_sha256
            and existing.agent_url = v_agent_url and existing.bios_name = v_bios_name
            and existing.bios_version = v_bios_version and existing.vmm_name = v_vmm_name
            and existing.vmm_version = v_vmm_version then
        return query select 'unchanged'::varchar, null::varchar;
        return;
    end if;
    update attestation.hosts
    set agent_url = v_agent_url, aik_public_pem = v_aik_public_pem, aik_sha256 = v_aik_sha256,
        bios_name = v_bios_name, bios_version = v_bios_version, vmm_name = v_vmm_name, vmm_version = v_vmm_version,
        ek_sha256 = v_ek_sha256, ek_cert_pem = v_ek_cert_pem, updated_at = now(),
        -- a host registered before enrollment meets the approval policy now, like a new one
        approval = case when existing.ek_sha256 is null then v_new_approval else existing.approval end,
        approval_changed_at = case when existing.ek_sha256 is null then now() else existing.approval_changed_at end
    where host_name = v_host_name;
    if existing.aik_sha256 <> v_aik_sha256 then
        -- a verdict about the old key says nothing about the new one
        delete from attestation.host_verdicts where host_name = v_host_name;
    end if;
    return query select 'updated'::varchar, null::varchar;
end;
$$ language plpgsql;

-- 'approved', 'pending' or 'rejected'; false when there is no such host.
create or replace function attestation.SetHostApproval(v_host_name varchar, v_approval varchar)
returns boolean as $$
begin
    update attestation.hosts set approval = v_approval, approval_changed_at = now() where host_name = v_host_name;
    return found;
end;
$$ language plpgsql;

-- 'created' or 'unchanged' (the same certificate again).
create or replace function attestation.InsertEkCa(v_ca_sha256 varchar, v_subject varchar, v_not_after timestamptz,
        v_certificate_pem text)
returns varchar as $$
begin
    insert into attestation.ek_cas (ca_sha256, subject, not_after, certificate_pem)
    values (v_ca_sha256, v_subject, v_not_after, v_certificate_pem)
    on conflict (ca_sha256) do nothing;
    return case when found then 'created' else 'unchanged' end;
end;
$$ language plpgsql;

create or replace function attestation.DeleteEkCa(v_ca_sha256 varchar)
returns boolean as $$
begin
    delete from attestation.ek_cas where ca_sha256 = v_ca_sha256;
    return found;
end;
$$ language plpgsql;

create or replace function attestation.GetAllEkCas()
returns setof attestation.ek_cas as $$
    select * from attestation.ek_cas order by added_at, ca_sha256;
$$ language sql stable;
