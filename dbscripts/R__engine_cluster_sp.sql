-- Engine nodes, their heartbeats and their leases (tables of V12__engine_cluster.sql).
-- R__ file: CREATE OR REPLACE only; see R__storage_pool_sp.sql about changing signatures.
--
-- Every decision here uses PostgreSQL's clock (now()), never a node's, and every claim is an UPDATE whose
-- WHERE clause re-checks the row's owner and expiry: when two nodes race for a row, the second one's UPDATE
-- waits for the first one's to commit, re-reads the row and no longer matches, so there is one winner.

-- A node says it is alive until now() + v_ttl_ms; v_starting also (re)sets its start time. Returns the
-- configuration's version (vdc_options_version_seq), so the node can tell when another node, or an
-- administrator's SQL, changed an option.
CREATE OR REPLACE FUNCTION EngineNodeHeartbeat(
    v_node_id text,
    v_api_url text,
    v_ttl_ms integer,
    v_starting boolean)
RETURNS bigint AS $$
BEGIN
    INSERT INTO engine_node (node_id, api_url, started_at, heartbeat, expires_at)
    VALUES (v_node_id, v_api_url, now(), now(), now() + v_ttl_ms * interval '1 millisecond')
    ON CONFLICT (node_id) DO UPDATE
        SET api_url = EXCLUDED.api_url,
            started_at = CASE WHEN v_starting THEN now() ELSE engine_node.started_at END,
            heartbeat = now(),
            expires_at = EXCLUDED.expires_at;
    -- A sequence not used yet says last_value 1 with is_called false, and still 1 after its first nextval.
    RETURN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM vdc_options_version_seq);
END;
$$ LANGUAGE plpgsql;

-- The node stops: its leases are free at once (another node takes its hosts on its next period instead of
-- after the leases' expiry) and it no longer counts as alive.
CREATE OR REPLACE FUNCTION EngineNodeStopped(v_node_id text)
RETURNS void AS $$
BEGIN
    UPDATE host_monitor_lease SET owner = NULL, expires_at = now(), epoch = epoch + 1 WHERE owner = v_node_id;
    UPDATE engine_lease SET owner = NULL, expires_at = now(), epoch = epoch + 1 WHERE owner = v_node_id;
    UPDATE engine_node SET expires_at = now() WHERE node_id = v_node_id;
END;
$$ LANGUAGE plpgsql;

-- One call per node per monitoring period: renews this node's host leases, gives back those beyond its fair
-- share (ceil(hosts / live nodes)) so that a node that joins gets its part, takes free or expired leases up to
-- its share, and returns the hosts it now watches. A node counts as live while its heartbeat has not expired,
-- so call EngineNodeHeartbeat first.
--
-- A free lease beyond the share is taken too once it has been free for longer than v_ttl_ms: a node that
-- heartbeats but no longer claims (hung monitoring) would otherwise leave its part unwatched for ever.
-- Rows locked by another node's concurrent claim are skipped (SKIP LOCKED), not waited for.
CREATE OR REPLACE FUNCTION ClaimHostMonitorLeases(
    v_node_id text,
    v_ttl_ms integer)
RETURNS SETOF uuid AS $$
DECLARE
    v_ttl interval := v_ttl_ms * interval '1 millisecond';
    v_live integer;
    v_hosts integer;
    v_share integer;
    v_mine integer;
BEGIN
    -- Hosts added since the last call get a free lease (expired now, so the share rule hands them out).
    INSERT INTO host_monitor_lease (vds_id, owner, expires_at)
    SELECT vds_id, NULL, now() FROM vds_static
    ON CONFLICT (vds_id) DO NOTHING;

    UPDATE host_monitor_lease SET expires_at = now() + v_ttl WHERE owner = v_node_id;

    SELECT count(*) INTO v_live FROM engine_node WHERE expires_at > now();
    SELECT count(*) INTO v_hosts FROM host_monitor_lease;
    v_share := ceil(v_hosts::numeric / greatest(v_live, 1));
    SELECT count(*) INTO v_mine FROM host_monitor_lease WHERE owner = v_node_id;

    IF v_mine > v_share THEN
        UPDATE host_monitor_lease SET owner = NULL, expires_at = now(), epoch = epoch + 1
        WHERE vds_id IN (SELECT vds_id FROM host_monitor_lease WHERE owner = v_node_id
                         ORDER BY vds_id DESC LIMIT v_mine - v_share);
    ELSIF v_mine < v_share THEN
        UPDATE host_monitor_lease l SET owner = v_node_id, expires_at = now() + v_ttl, epoch = l.epoch + 1
        WHERE l.vds_id IN (SELECT vds_id FROM host_monitor_lease
                           WHERE owner IS NULL OR expires_at <= now()
                           ORDER BY vds_id LIMIT v_share - v_mine
                           FOR UPDATE SKIP LOCKED)
          AND (l.owner IS NULL OR l.expires_at <= now());
    END IF;

    UPDATE host_monitor_lease l SET owner = v_node_id, expires_at = now() + v_ttl, epoch = l.epoch + 1
    WHERE l.vds_id IN (SELECT vds_id FROM host_monitor_lease
                       WHERE (owner IS NULL OR expires_at <= now()) AND expires_at <= now() - v_ttl
                       FOR UPDATE SKIP LOCKED)
      AND (l.owner IS NULL OR l.expires_at <= now() - v_ttl);

    RETURN QUERY SELECT vds_id FROM host_monitor_lease WHERE owner = v_node_id ORDER BY vds_id;
END;
$$ LANGUAGE plpgsql;

-- Work that runs once per cluster (v_name, e.g. 'reattestation'): true when this node holds the lease now
-- (it had it and renewed it, or it was free or expired and this node took it).
CREATE OR REPLACE FUNCTION TryEngineLease(
    v_name text,
    v_node_id text,
    v_ttl_ms integer)
RETURNS boolean AS $$
BEGIN
    UPDATE engine_lease
    SET owner = v_node_id,
        expires_at = now() + v_ttl_ms * interval '1 millisecond',
        epoch = epoch + CASE WHEN owner IS DISTINCT FROM v_node_id THEN 1 ELSE 0 END
    WHERE name = v_name AND (owner = v_node_id OR owner IS NULL OR expires_at <= now());
    RETURN FOUND;
END;
$$ LANGUAGE plpgsql;

-- Every node that has run, newest first, with whether it is alive now.
CREATE OR REPLACE FUNCTION GetAllEngineNodes()
RETURNS TABLE (node_id text, api_url text, started_at timestamptz, heartbeat timestamptz, alive boolean) AS $$
    SELECT node_id, api_url, started_at, heartbeat, expires_at > now() FROM engine_node ORDER BY node_id;
$$ LANGUAGE sql STABLE;

-- Which live node watches each host (hosts whose lease is free or expired are left out).
CREATE OR REPLACE FUNCTION GetHostMonitorOwners()
RETURNS TABLE (vds_id uuid, owner text) AS $$
    SELECT vds_id, owner FROM host_monitor_lease WHERE owner IS NOT NULL AND expires_at > now();
$$ LANGUAGE sql STABLE;

-- The node watching one host (its lease is current), or no row: what a single host's API answer names.
CREATE OR REPLACE FUNCTION GetHostMonitorOwner(v_vds_id uuid)
RETURNS text AS $$
    SELECT owner FROM host_monitor_lease WHERE vds_id = v_vds_id AND owner IS NOT NULL AND expires_at > now();
$$ LANGUAGE sql STABLE;

-- The holders of the cluster-wide leases.
CREATE OR REPLACE FUNCTION GetEngineLeases()
RETURNS TABLE (name text, owner text, epoch bigint) AS $$
    SELECT name, CASE WHEN expires_at > now() THEN owner END, epoch FROM engine_lease ORDER BY name;
$$ LANGUAGE sql STABLE;
