package org.trustpool.bll.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.trustpool.vdsbroker.attestation.AttestationClient;
import org.trustpool.vdsbroker.attestation.AttestationSettings;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;

/**
 * The engine's way to the attestation service: one {@link AttestationClient} kept for as long as what it was
 * made from is unchanged, so every refresh reuses its HTTP connections (no new TCP and TLS handshakes per
 * refresh) and its loaded certificate. Made again as soon as an option changes (the settings differ) or a file
 * it read was replaced in place (the service certificate or the truststore: a rotated certificate must count
 * at the next refresh, as it did when every refresh made its own client).
 */
public final class ReusedAttestationClients implements PollHostsClientFactory {

    private final PollHostsClientFactory make;
    private Key current;
    private PollHostsClient client;

    public ReusedAttestationClients() {
        this(settings -> new AttestationClient(settings)::pollHosts);
    }

    /** @param make makes a client when none fits (tests count how often) */
    ReusedAttestationClients(PollHostsClientFactory make) {
        this.make = make;
    }

    @Override
    public synchronized PollHostsClient create(AttestationSettings settings) throws AttestationUnavailableException {
        Key key = new Key(settings, List.of(FileStamp.of(settings.serviceCertificate()), FileStamp.of(settings.truststore())));
        if (client == null || !key.equals(current)) {
            // nothing is kept from before: if this throws, the next refresh tries again (and fails the same way
            // until the setting is fixed)
            client = null;
            current = null;
            client = make.create(settings);
            current = key;
        }
        return client;
    }

    private record Key(AttestationSettings settings, List<FileStamp> files) {
    }

    /** A file as it is now: a replaced file (another time or size) makes another stamp; no file is a stamp too. */
    private record FileStamp(String path, long modified, long size) {
        static FileStamp of(String file) {
            if (file == null || file.isBlank()) {
                return new FileStamp("", 0, -1);
            }
            try {
                Path p = Path.of(file);
                return new FileStamp(file, Files.getLastModifiedTime(p).toMillis(), Files.size(p));
            } catch (IOException | RuntimeException e) {
                return new FileStamp(file, 0, -1);
            }
        }
    }
}
