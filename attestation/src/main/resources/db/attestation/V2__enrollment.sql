-- Enrollment (issue 12): a host name is bound to one TPM, known by its endorsement key (EK),
-- only after TPM2 credential activation proved that the attestation key (AIK) lives in that TPM.

-- The EK that enrolled each host; null for hosts registered before enrollment existed (they
-- are not trusted until they enroll again with the same AIK).
alter table hosts add column ek_sha256 char(64) check (ek_sha256 ~ '^[0-9a-f]{64}$');
alter table hosts add column ek_cert_pem text;
-- approved: its verdicts count; pending: waiting for an administrator; rejected: refused by one.
alter table hosts add column approval varchar(16) not null default 'approved'
    check (approval in ('approved', 'pending', 'rejected'));
alter table hosts add column approval_changed_at timestamptz;

-- One machine, one identity: an EK or an AIK identifies at most one name.
create unique index hosts_ek_sha256_key on hosts (ek_sha256);
create unique index hosts_aik_sha256_key on hosts (aik_sha256);

-- The TPM vendors' CAs whose EK certificates we accept (the administrator's list).
create table ek_cas (
    ca_sha256       char(64)     primary key check (ca_sha256 ~ '^[0-9a-f]{64}$'),
    subject         varchar(1024) not null,
    not_after       timestamptz  not null,
    certificate_pem text         not null,
    added_at        timestamptz  not null default now()
);

-- Credential-activation challenges waiting for their answer: single-use (deleted when answered,
-- right or wrong), short-lived (expires_at), bounded in number (see R__attestation_enrollment_sp.sql).
create table enrollment_challenges (
    challenge_id   char(32)      primary key check (challenge_id ~ '^[0-9a-f]{32}$'),
    host_name      varchar(255)  not null,
    agent_url      varchar(2048) not null,
    aik_public_pem text          not null,
    aik_sha256     char(64)      not null,
    ek_sha256      char(64)      not null,
    ek_cert_pem    text          not null,
    bios_name      varchar(255)  not null,
    bios_version   varchar(255)  not null,
    vmm_name       varchar(255)  not null,
    vmm_version    varchar(255)  not null,
    -- SHA-256 of the secret: the table never holds what would answer the challenge
    secret_sha256  char(64)      not null,
    created_at     timestamptz   not null default now(),
    expires_at     timestamptz   not null
);
create index enrollment_challenges_host on enrollment_challenges (host_name);
create index enrollment_challenges_expiry on enrollment_challenges (expires_at);
