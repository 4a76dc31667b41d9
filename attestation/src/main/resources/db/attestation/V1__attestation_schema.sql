-- The attestation service's own schema (Flyway runs this with schemas("attestation"), so
-- unqualified names land there; the engine's schema is never touched).

-- Hosts as their agents registered them. The AIK is the identity: a registration with another
-- key under the same name is refused until an administrator deletes the host.
create table hosts (
    host_name      varchar(255)  primary key,
    agent_url      varchar(2048) not null,
    aik_public_pem text          not null,
    aik_sha256     char(64)      not null check (aik_sha256 ~ '^[0-9a-f]{64}$'),
    bios_name      varchar(255)  not null,
    bios_version   varchar(255)  not null,
    vmm_name       varchar(255)  not null,
    vmm_version    varchar(255)  not null,
    registered_at  timestamptz   not null default now(),
    updated_at     timestamptz   not null default now()
);

-- The whitelist ("good/known database"): measured launch environments and their PCR values.
create table mles (
    mle_id     bigint generated always as identity primary key,
    mle_type   varchar(8)   not null check (mle_type in ('BIOS', 'VMM')),
    name       varchar(255) not null,
    version    varchar(255) not null,
    created_at timestamptz  not null default now(),
    unique (mle_type, name, version)
);

create table mle_pcrs (
    mle_id    bigint   not null references mles (mle_id) on delete cascade,
    pcr_index integer  not null check (pcr_index between 0 and 23),
    pcr_value char(64) not null check (pcr_value ~ '^[0-9a-f]{64}$'),
    primary key (mle_id, pcr_index)
);

-- The last verdict of each host, with the check that decided it and why.
create table host_verdicts (
    host_name    varchar(255) primary key references hosts (host_name) on delete cascade,
    trust_lvl    varchar(16)  not null check (trust_lvl in ('trusted', 'untrusted', 'unknown', 'timeout')),
    vtime        timestamptz  not null,
    failed_check varchar(64),
    reason       text
);
