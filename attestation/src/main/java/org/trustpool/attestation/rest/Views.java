package org.trustpool.attestation.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.whitelist.Mle;

/** The JSON documents the service answers. */
final class Views {

    private Views() {
    }

    /** "2026-11-28T10:00:00Z": UTC, whole seconds, as OpenAttestation's vtime. */
    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** One host of a PollHosts answer; registered is the host as registered under that name (null if not). */
    static ObjectNode pollEntry(Verdict v, RegisteredHost registered) {
        ObjectNode o = Json.object();
        o.put("host_name", v.hostName());
        o.put("trust_lvl", v.level().wire());
        o.put("vtime", time(v.vtime()));
        // Not in OpenAttestation's format, and ignored by its clients; our engine shows it to the admin.
        if (v.reason() != null) {
            o.put("reason", v.reason());
        }
        // Not in OpenAttestation's format either: where the checked machine was reached, so the engine can
        // tell whether it is the machine it manages under that name.
        if (registered != null) {
            o.put("agent_url", registered.agentUrl().toString());
            // Also an addition: the TPM that proved itself under this name (SHA-256 of its EK's public key),
            // which the engine shows with the verdict.
            if (registered.ekFingerprint() != null) {
                o.put("ek_fingerprint", registered.ekFingerprint());
            }
        }
        return o;
    }

    static ObjectNode verdict(Verdict v) {
        ObjectNode o = Json.object();
        o.put("trust_lvl", v.level().wire());
        o.put("vtime", time(v.vtime()));
        o.put("check", v.check());
        o.put("reason", v.reason());
        return o;
    }

    static ObjectNode host(HostRecord r) {
        ObjectNode o = host(r.host());
        if (r.lastVerdict() == null) {
            o.putNull("last_verdict");
        } else {
            o.set("last_verdict", verdict(r.lastVerdict()));
        }
        return o;
    }

    static ObjectNode host(RegisteredHost h) {
        ObjectNode o = Json.object();
        o.put("host_name", h.name());
        o.put("agent_url", h.agentUrl().toString());
        o.put("bios_name", h.biosName());
        o.put("bios_version", h.biosVersion());
        o.put("vmm_name", h.vmmName());
        o.put("vmm_version", h.vmmVersion());
        o.put("aik_sha256", h.aikFingerprint());
        o.put("aik_public_pem", h.aikPem());
        o.put("ek_sha256", h.ekFingerprint());
        // an EK certificate is public (a TPM hands it to anyone who asks); it shows which vendor vouched
        o.put("ek_certificate_pem", h.ekCertPem());
        o.put("approval", h.approval().wire());
        o.put("registered_at", time(h.registeredAt()));
        o.put("updated_at", time(h.updatedAt()));
        return o;
    }

    static ObjectNode mle(Mle m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("type", m.type().name());
        o.put("name", m.name());
        o.put("version", m.version());
        ObjectNode pcrs = o.putObject("pcrs");
        m.pcrs().forEach((k, v) -> pcrs.put(k.toString(), v));
        o.put("created_at", time(m.created()));
        return o;
    }
}
