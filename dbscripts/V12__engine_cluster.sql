-- Several engine nodes on one database (issue 15; docs/design/scale-out.md). The database, not a JVM, says
-- which node is alive, which node watches which host, and which node runs work that must run once per
-- cluster: PostgreSQL's clock (now()) is the only clock, and every claim is a compare-and-set.

-- One row per engine node that ever ran; a node is alive while its heartbeat's expiry lies ahead.
CREATE TABLE engine_node (
    node_id     text        PRIMARY KEY,
    api_url     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    heartbeat   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);

-- Cluster-wide work (the re-attestation schedule): owned by one live node at a time. epoch counts hand-overs.
CREATE TABLE engine_lease (
    name        text        PRIMARY KEY,
    owner       text,
    expires_at  timestamptz,
    epoch       bigint      NOT NULL DEFAULT 0
);
INSERT INTO engine_lease (name) VALUES ('reattestation');

-- Which node monitors each host. Kept apart from vds_dynamic so renewing leases never waits on the host
-- row that a placement (ReserveVdsForVm) holds FOR UPDATE.
CREATE TABLE host_monitor_lease (
    vds_id      uuid        PRIMARY KEY REFERENCES vds_static (vds_id) ON DELETE CASCADE,
    owner       text,
    expires_at  timestamptz,
    epoch       bigint      NOT NULL DEFAULT 0
);
CREATE INDEX idx_host_monitor_lease_owner ON host_monitor_lease (owner);

-- The configuration's version: any change to vdc_options (the API, SQL by hand, another node) moves it, and
-- each node reloads its in-memory options when it sees a new value in its heartbeat.
CREATE SEQUENCE vdc_options_version_seq;
CREATE FUNCTION vdc_options_changed() RETURNS trigger AS $$
BEGIN
    PERFORM nextval('vdc_options_version_seq');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER vdc_options_version AFTER INSERT OR UPDATE OR DELETE ON vdc_options
    FOR EACH STATEMENT EXECUTE FUNCTION vdc_options_changed();

-- JGroups' discovery (JDBC_PING through the engine's datasource) when nodes run WildFly's clustered profile.
-- JGroups' own CREATE TABLE uses varbinary, which PostgreSQL lacks, so the table is made here (JDBC_PING's
-- unquoted JGROUPSPING folds to this lower-case name) and its initialize_sql is left empty.
CREATE TABLE jgroupsping (
    own_addr     varchar(200) NOT NULL,
    cluster_name varchar(200) NOT NULL,
    ping_data    bytea,
    PRIMARY KEY (own_addr, cluster_name)
);
