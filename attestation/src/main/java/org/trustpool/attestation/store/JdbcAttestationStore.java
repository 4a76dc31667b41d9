package org.trustpool.attestation.store;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.trustpool.attestation.poll.TrustLevel;
import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

/**
 * The store on PostgreSQL, schema {@code attestation}: every call is one of its stored
 * procedures, with bound parameters only.
 */
public final class JdbcAttestationStore implements AttestationStore {

    private final DataSource dataSource;

    public JdbcAttestationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, RegisteredHost> findHosts(Collection<String> names) {
        Map<String, RegisteredHost> result = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return result;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.GetHostsByNames(?)")) {
            Array array = c.createArrayOf("varchar", names.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RegisteredHost h = host(rs);
                    result.put(h.name(), h);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading hosts failed", e);
        }
    }

    @Override
    public Optional<HostRecord> host(String name) {
        List<HostRecord> found = hostRecords("select * from attestation.GetHostByName(?)", name);
        return found.stream().findFirst();
    }

    @Override
    public List<HostRecord> hosts() {
        return hostRecords("select * from attestation.GetAllHosts()", null);
    }

    private List<HostRecord> hostRecords(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<HostRecord> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RegisteredHost h = host(rs);
                    Verdict v = null;
                    String level = rs.getString("trust_lvl");
                    if (level != null) {
                        v = new Verdict(h.name(), TrustLevel.fromWire(level), instant(rs, "vtime"), rs.getString("failed_check"),
                                rs.getString("reason"));
                    }
                    result.add(new HostRecord(h, v));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading hosts failed", e);
        }
    }

    private static RegisteredHost host(ResultSet rs) throws SQLException {
        String pem = rs.getString("aik_public_pem");
        return new RegisteredHost(rs.getString("host_name"), URI.create(rs.getString("agent_url")), Aik.parsePem(pem), pem,
                rs.getString("aik_sha256"), rs.getString("bios_name"), rs.getString("bios_version"),
                rs.getString("vmm_name"), rs.getString("vmm_version"), instant(rs, "registered_at"),
                instant(rs, "updated_at"), rs.getString("ek_sha256"), rs.getString("ek_cert_pem"),
                RegisteredHost.Approval.fromWire(rs.getString("approval")));
    }

    @Override
    public Enrollment.Binding bind(RegisteredHost h, RegisteredHost.Approval newApproval) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.EnrollHost(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // the procedure's table lock lasts until the commit
            try {
                setHost(ps, 1, h);
                ps.setString(11, newApproval.wire());
                Enrollment.Binding result;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String outcome = rs.getString("outcome");
                    Enrollment.Conflict conflict = switch (outcome) {
                        case "created", "unchanged", "updated" -> null;
                        default -> Enrollment.Conflict.fromWire(outcome);
                    };
                    result = new Enrollment.Binding(conflict == null
                            ? Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)) : Outcome.CONFLICT,
                            conflict, rs.getString("holder"));
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("enrolling " + h.name() + " failed", e);
        }
    }

    @Override
    public Enrollment.Issued issueChallenge(Enrollment.PendingChallenge ch, Duration ttl, int maxPending) {
        RegisteredHost h = ch.host();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select * from attestation.IssueEnrollmentChallenge(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ch.id());
            setHost(ps, 2, h);
            ps.setString(12, ch.secretSha256());
            ps.setInt(13, (int) Math.max(1, ttl.toSeconds()));
            ps.setInt(14, maxPending);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String outcome = rs.getString("outcome");
                return switch (outcome) {
                    case "issued" -> new Enrollment.Issued(Enrollment.ChallengeOutcome.ISSUED, null, null);
                    case "unchanged" -> new Enrollment.Issued(Enrollment.ChallengeOutcome.UNCHANGED, null, null);
                    case "busy" -> new Enrollment.Issued(Enrollment.ChallengeOutcome.BUSY, null, null);
                    default -> new Enrollment.Issued(Enrollment.ChallengeOutcome.CONFLICT,
                            Enrollment.Conflict.fromWire(outcome), rs.getString("holder"));
                };
            }
        } catch (SQLException e) {
            throw new StoreException("opening an enrollment challenge for " + h.name() + " failed", e);
        }
    }

    @Override
    public Optional<Enrollment.PendingChallenge> consumeChallenge(String challengeId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.ConsumeEnrollmentChallenge(?)")) {
            ps.setString(1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String pem = rs.getString("aik_public_pem");
                RegisteredHost h = new RegisteredHost(rs.getString("host_name"), URI.create(rs.getString("agent_url")),
                        Aik.parsePem(pem), pem, rs.getString("aik_sha256"), rs.getString("bios_name"),
                        rs.getString("bios_version"), rs.getString("vmm_name"), rs.getString("vmm_version"), null, null,
                        rs.getString("ek_sha256"), rs.getString("ek_cert_pem"), RegisteredHost.Approval.PENDING);
                return Optional.of(new Enrollment.PendingChallenge(rs.getString("challenge_id"), h,
                        rs.getString("secret_sha256"), instant(rs, "expires_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("reading enrollment challenge failed", e);
        }
    }

    @Override
    public boolean setApproval(String name, RegisteredHost.Approval approval) {
        return deleteBy("select attestation.SetHostApproval(?, ?)", ps -> {
            ps.setString(1, name);
            ps.setString(2, approval.wire());
        }, "setting the approval of " + name);
    }

    @Override
    public List<Enrollment.EkCa> ekCas() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.GetAllEkCas()");
             ResultSet rs = ps.executeQuery()) {
            List<Enrollment.EkCa> result = new ArrayList<>();
            while (rs.next()) {
                String pem = rs.getString("certificate_pem");
                result.add(new Enrollment.EkCa(rs.getString("ca_sha256"), rs.getString("subject"), instant(rs, "not_after"),
                        pem, instant(rs, "added_at"), org.trustpool.attestation.enroll.EkCertificates.parse(pem).get(0)));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading the trusted EK CAs failed", e);
        }
    }

    @Override
    public Outcome addEkCa(Enrollment.EkCa ca) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select attestation.InsertEkCa(?, ?, ?, ?)")) {
            ps.setString(1, ca.sha256());
            ps.setString(2, ca.subject());
            ps.setTimestamp(3, Timestamp.from(ca.notAfter()));
            ps.setString(4, ca.certificatePem());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Outcome.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new StoreException("adding EK CA " + ca.subject() + " failed", e);
        }
    }

    @Override
    public boolean deleteEkCa(String sha256) {
        return deleteBy("select attestation.DeleteEkCa(?)", ps -> ps.setString(1, sha256), "deleting EK CA " + sha256);
    }

    @Override
    public boolean deleteHost(String name) {
        return deleteBy("select attestation.DeleteHost(?)", ps -> ps.setString(1, name), "deleting host " + name);
    }

    @Override
    public List<Mle> mles() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.GetAllMles()");
             ResultSet rs = ps.executeQuery()) {
            Map<Long, Mle> byId = new LinkedHashMap<>();
            Map<Long, TreeMap<Integer, String>> pcrs = new LinkedHashMap<>();
            while (rs.next()) {
                long id = rs.getLong("mle_id");
                if (!byId.containsKey(id)) {
                    byId.put(id, new Mle(id, MleType.valueOf(rs.getString("mle_type")), rs.getString("name"),
                            rs.getString("version"), new TreeMap<>(), instant(rs, "created_at")));
                    pcrs.put(id, new TreeMap<>());
                }
                int index = rs.getInt("pcr_index");
                if (!rs.wasNull()) {
                    pcrs.get(id).put(index, rs.getString("pcr_value"));
                }
            }
            List<Mle> result = new ArrayList<>();
            byId.forEach((id, m) -> result.add(new Mle(id, m.type(), m.name(), m.version(), pcrs.get(id), m.created())));
            return result;
        } catch (SQLException e) {
            throw new StoreException("reading the whitelist failed", e);
        }
    }

    @Override
    public MleOutcome addMle(Mle mle) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from attestation.InsertMle(?, ?, ?, ?, ?)")) {
            ps.setString(1, mle.type().name());
            ps.setString(2, mle.name());
            ps.setString(3, mle.version());
            ps.setArray(4, c.createArrayOf("integer", mle.pcrs().keySet().toArray()));
            ps.setArray(5, c.createArrayOf("varchar", mle.pcrs().values().toArray()));
            long id;
            Outcome outcome;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong("mle_id");
                outcome = Outcome.valueOf(rs.getString("outcome").toUpperCase(java.util.Locale.ROOT));
            }
            Mle stored = mles().stream().filter(m -> m.id() == id).findFirst()
                    .orElseThrow(() -> new StoreException("MLE " + id + " vanished right after it was written", null));
            return new MleOutcome(outcome, stored);
        } catch (SQLException e) {
            throw new StoreException("whitelisting " + mle.type() + " " + mle.name() + " " + mle.version() + " failed", e);
        }
    }

    @Override
    public boolean deleteMle(long id) {
        return deleteBy("select attestation.DeleteMle(?)", ps -> ps.setLong(1, id), "deleting MLE " + id);
    }

    @Override
    public void saveVerdicts(Collection<Verdict> verdicts) {
        // one transaction and one round trip for a whole PollHosts, however many hosts
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select attestation.UpdateHostVerdict(?, ?, ?, ?, ?)")) {
                for (Verdict v : verdicts) {
                    ps.setString(1, v.hostName());
                    ps.setString(2, v.level().wire());
                    ps.setTimestamp(3, Timestamp.from(v.vtime()));
                    ps.setString(4, v.check());
                    ps.setString(5, v.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("storing " + verdicts.size() + " verdicts failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean deleteBy(String sql, Binder binder, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The ten fields of an enrolling host, in the order both enrollment procedures take them, from {@code first} on. */
    private static void setHost(PreparedStatement ps, int first, RegisteredHost h) throws SQLException {
        ps.setString(first, h.name());
        ps.setString(first + 1, h.agentUrl().toString());
        ps.setString(first + 2, h.aikPem());
        ps.setString(first + 3, h.aikFingerprint());
        ps.setString(first + 4, h.ekFingerprint());
        ps.setString(first + 5, h.ekCertPem());
        ps.setString(first + 6, h.biosName());
        ps.setString(first + 7, h.biosVersion());
        ps.setString(first + 8, h.vmmName());
        ps.setString(first + 9, h.vmmVersion());
    }
}
