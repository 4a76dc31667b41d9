-- Stored procedures of attestation.mles and attestation.mle_pcrs.

create or replace view attestation.mles_view as
select m.mle_id, m.mle_type, m.name, m.version, m.created_at, p.pcr_index, p.pcr_value
from attestation.mles m
left join attestation.mle_pcrs p on p.mle_id = m.mle_id;

-- Returns the MLE's id and 'created', or the existing one's id and 'unchanged' (same values)
-- or 'conflict' (same type, name and version with other values: nothing changes).
create or replace function attestation.InsertMle(v_mle_type varchar, v_name varchar, v_version varchar,
        v_pcr_indexes integer[], v_pcr_values varchar[])
returns table (mle_id bigint, outcome varchar) as $$
declare
    new_id bigint;
    existing_id bigint;
    same boolean;
begin
    insert into attestation.mles (mle_type, name, version)
    values (v_mle_type, v_name, v_version)
    on conflict (mle_type, name, version) do nothing
    returning mles.mle_id into new_id;
    if new_id is not null then
        insert into attestation.mle_pcrs (mle_id, pcr_index, pcr_value)
        select new_id, i, v from unnest(v_pcr_indexes, v_pcr_values) as u (i, v);
        return query select new_id, 'created'::varchar;
        return;
    end if;
    select m.mle_id into existing_id from attestation.mles m
    where m.mle_type = v_mle_type and m.name = v_name and m.version = v_version;
    select coalesce(array_agg(p.pcr_index order by p.pcr_index), '{}') = coalesce(
               (select array_agg(i order by i) from unnest(v_pcr_indexes) as i), '{}')
       and coalesce(array_agg(p.pcr_value::varchar order by p.pcr_index), '{}') = coalesce(
               (select array_agg(v order by i) from unnest(v_pcr_indexes, v_pcr_values) as u (i, v)), '{}')
    into same
    from attestation.mle_pcrs p where p.mle_id = existing_id;
    return query select existing_id, (case when same then 'unchanged' else 'conflict' end)::varchar;
end;
$$ language plpgsql;

create or replace function attestation.DeleteMle(v_mle_id bigint)
returns boolean as $$
begin
    delete from attestation.mles where mles.mle_id = v_mle_id;
    return found;
end;
$$ language plpgsql;

create or replace function attestation.GetAllMles()
returns setof attestation.mles_view as $$
    select * from attestation.mles_view order by mle_id, pcr_index;
$$ language sql stable;
