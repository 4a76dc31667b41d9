-- Trustpool initial schema. Table and column names follow oVirt's engine database so that
-- anyone who knows oVirt finds their way; every write goes through the stored procedures
-- in the R__*_sp.sql files, never through ad-hoc SQL from Java.

-- Data centers.
CREATE TABLE storage_pool (
    id                    uuid          PRIMARY KEY,
    name                  varchar(255)  NOT NULL,
    description           varchar(4000),
    compatibility_version varchar(40),
    CONSTRAINT storage_pool_name_unique UNIQUE (name)
);

-- Clusters (oVirt kept the old name vds_groups).
CREATE TABLE vds_groups (
    vds_group_id          uuid          PRIMARY KEY,
    name                  varchar(255)  NOT NULL,
    description           varchar(4000),
    storage_pool_id       uuid          REFERENCES storage_pool (id),
    cpu_name              varchar(255),
    compatibility_version varchar(40),
    CONSTRAINT vds_groups_name_unique UNIQUE (name)
);
CREATE INDEX idx_vds_groups_storage_pool_id ON vds_groups (storage_pool_id);

-- Hosts: what the administrator configured.
CREATE TABLE vds_static (
    vds_id       uuid          PRIMARY KEY,
    vds_name     varchar(255)  NOT NULL,
    host_name    varchar(255)  NOT NULL,
    port         integer       NOT NULL,
    -- No cascade: a cluster that still has hosts must not silently lose them.
    vds_group_id uuid          NOT NULL REFERENCES vds_groups (vds_group_id),
    comment      text,
    CONSTRAINT vds_static_vds_name_unique UNIQUE (vds_name),
    -- Two host records pointing at the same agent would be monitored twice.
    CONSTRAINT vds_static_host_name_port_unique UNIQUE (host_name, port)
);
CREATE INDEX idx_vds_static_vds_group_id ON vds_static (vds_group_id);

-- Hosts: what monitoring learns. Status and reason hold the enums' int values (oVirt's numbers).
CREATE TABLE vds_dynamic (
    vds_id                 uuid             PRIMARY KEY REFERENCES vds_static (vds_id) ON DELETE CASCADE,
    status                 integer          NOT NULL DEFAULT 0,
    non_operational_reason integer          NOT NULL DEFAULT 0,
    cpu_cores              integer          NOT NULL DEFAULT 0,
    physical_mem_mb        bigint           NOT NULL DEFAULT 0,
    mem_free_mb            bigint           NOT NULL DEFAULT 0,
    vm_count               integer          NOT NULL DEFAULT 0,
    cpu_usage_percent      double precision NOT NULL DEFAULT 0,
    last_response          timestamptz
);

-- VMs and templates share one table, told apart by entity_type, as in oVirt.
CREATE TABLE vm_static (
    vm_guid              uuid          PRIMARY KEY,
    vm_name              varchar(255)  NOT NULL,
    description          varchar(4000),
    entity_type          varchar(32)   NOT NULL,
    vds_group_id         uuid          REFERENCES vds_groups (vds_group_id),
    -- The template a VM was made from; a template points at itself (oVirt's base template).
    -- No cascade: a template still used by VMs must not be deleted.
    vmt_guid             uuid          REFERENCES vm_static (vm_guid),
    mem_size_mb          integer       NOT NULL,
    num_of_cpus          integer       NOT NULL,
    os_type              varchar(255),
    -- A pin to a host must not keep the host from being removed.
    dedicated_vm_for_vds uuid          REFERENCES vds_static (vds_id) ON DELETE SET NULL,
    migration_support    integer       NOT NULL DEFAULT 0,
    auto_startup         boolean       NOT NULL DEFAULT false,
    creation_date        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT vm_static_entity_type_check CHECK (entity_type IN ('VM', 'TEMPLATE')),
    -- Only the Blank template belongs to no cluster.
    CONSTRAINT vm_static_cluster_check
        CHECK (vds_group_id IS NOT NULL OR vm_guid = '00000000-0000-0000-0000-000000000000'),
    CONSTRAINT vm_static_mem_size_check CHECK (mem_size_mb > 0),
    CONSTRAINT vm_static_num_of_cpus_check CHECK (num_of_cpus > 0),
    -- A VM and a template may share a name (oVirt allows it); two VMs may not.
    CONSTRAINT vm_static_name_entity_type_unique UNIQUE (vm_name, entity_type)
);
CREATE INDEX idx_vm_static_vds_group_id ON vm_static (vds_group_id);
CREATE INDEX idx_vm_static_vmt_guid ON vm_static (vmt_guid);
CREATE INDEX idx_vm_static_dedicated_vm_for_vds ON vm_static (dedicated_vm_for_vds);

-- What happens to a VM at run time. Status holds VMStatus's int value.
CREATE TABLE vm_dynamic (
    vm_guid          uuid         PRIMARY KEY REFERENCES vm_static (vm_guid) ON DELETE CASCADE,
    status           integer      NOT NULL DEFAULT 0,
    -- No cascade: a host that still runs VMs must not be removed behind the engine's back.
    run_on_vds       uuid         REFERENCES vds_static (vds_id),
    migrating_to_vds uuid         REFERENCES vds_static (vds_id),
    last_start_time  timestamptz,
    last_stop_time   timestamptz,
    exit_message     text
);
CREATE INDEX idx_vm_dynamic_run_on_vds ON vm_dynamic (run_on_vds);
CREATE INDEX idx_vm_dynamic_migrating_to_vds ON vm_dynamic (migrating_to_vds);

-- Events. Deliberately no foreign keys: the log must outlive the hosts and VMs it names,
-- which is also why the names are copied next to the ids.
CREATE TABLE audit_log (
    audit_log_id   bigserial     PRIMARY KEY,
    log_time       timestamptz   NOT NULL DEFAULT now(),
    log_type       varchar(255)  NOT NULL,
    severity       varchar(16)   NOT NULL,
    message        text          NOT NULL,
    user_name      varchar(255),
    vds_id         uuid,
    vds_name       varchar(255),
    vm_id          uuid,
    vm_name        varchar(255),
    vds_group_id   uuid,
    vds_group_name varchar(255),
    correlation_id varchar(255),
    custom_values  jsonb         NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT audit_log_severity_check CHECK (severity IN ('NORMAL', 'WARNING', 'ERROR', 'ALERT'))
);
CREATE INDEX idx_audit_log_log_time ON audit_log (log_time);

-- Configuration values; version 'general' applies to every compatibility version.
CREATE TABLE vdc_options (
    option_id    serial        PRIMARY KEY,
    option_name  varchar(255)  NOT NULL,
    option_value text          NOT NULL,
    version      varchar(40)   NOT NULL DEFAULT 'general',
    CONSTRAINT vdc_options_name_version_unique UNIQUE (option_name, version)
);

-- Engine users. password_hash is a PBKDF2 hash (see PasswordHash); NULL means no password
-- has been set yet, so nobody can log in as that user.
CREATE TABLE users (
    user_id       uuid          PRIMARY KEY,
    name          varchar(255)  NOT NULL,
    domain        varchar(255)  NOT NULL,
    password_hash varchar(1024),
    role          varchar(32)   NOT NULL,
    CONSTRAINT users_role_check CHECK (role IN ('ADMIN', 'READ_ONLY')),
    CONSTRAINT users_name_domain_unique UNIQUE (name, domain)
);

-- Seed data, with oVirt's ids where oVirt has fixed ones.
INSERT INTO storage_pool (id, name, description, compatibility_version)
VALUES ('5849b030-626e-47cb-ad90-3ce782d831b3', 'Default', 'The default Data Center', '4.7');

INSERT INTO vds_groups (vds_group_id, name, description, storage_pool_id, cpu_name, compatibility_version)
VALUES ('99408929-82cf-4dc7-a532-9d998063fa95', 'Default', 'The default server cluster',
        '5849b030-626e-47cb-ad90-3ce782d831b3', 'Intel SandyBridge Family', '4.7');

INSERT INTO vm_static (vm_guid, vm_name, description, entity_type, vds_group_id, vmt_guid,
                       mem_size_mb, num_of_cpus, os_type, migration_support, auto_startup, creation_date)
VALUES ('00000000-0000-0000-0000-000000000000', 'Blank', 'Blank template', 'TEMPLATE', NULL,
        '00000000-0000-0000-0000-000000000000', 1024, 1, 'other', 0, false, now());

-- The launcher sets the password (SetUserPassword); until then admin cannot log in.
INSERT INTO users (user_id, name, domain, password_hash, role)
VALUES ('fdfc627c-d875-11e0-90f0-83df133b58cc', 'admin', 'internal', NULL, 'ADMIN');

INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('VdsRefreshRate', '2', 'general'),             -- seconds between host polls
    ('VdsNonResponsiveThreshold', '2', 'general'),  -- failed polls before NonResponsive
    ('VdsConnectTimeoutSeconds', '3', 'general'),
    ('VdsRequestTimeoutSeconds', '10', 'general'),
    ('MaxVmMemoryMb', '1048576', 'general'),
    ('MaxVmCpus', '64', 'general');
