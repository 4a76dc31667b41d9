package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.vdsbroker.attestation.AttestationSettings;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;
import org.trustpool.vdsbroker.attestation.PollResult;

class ReusedAttestationClientsTest {

    @TempDir
    Path dir;

    private final AtomicInteger made = new AtomicInteger();
    private boolean refuse;
    private final ReusedAttestationClients clients = new ReusedAttestationClients(settings -> {
        if (refuse) {
            throw new AttestationUnavailableException("cannot load the attestation service certificate", null);
        }
        int number = made.incrementAndGet();
        return names -> List.of(new PollResult("client " + number, TrustLevel.UNKNOWN, null, "a stand-in"));
    });

    private AttestationSettings settings(Path certificate, String token) {
        return new AttestationSettings("127.0.0.1", 8443, "/PollHosts", false, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(5), token, certificate.toString());
    }

    @Test
    void oneClientServesEveryRefreshWhileNothingChanges() throws Exception {
        Path cert = Files.writeString(dir.resolve("service.pem"), "certificate one");
        PollHostsClientFactory.PollHostsClient first = clients.create(settings(cert, "token"));
        assertSame(first, clients.create(settings(cert, "token")));
        assertEquals(1, made.get());
    }

    @Test
    void aChangedOptionOrAReplacedCertificateMakesANewClient() throws Exception {
        Path cert = Files.writeString(dir.resolve("service.pem"), "certificate one");
        PollHostsClientFactory.PollHostsClient first = clients.create(settings(cert, "token"));
        PollHostsClientFactory.PollHostsClient otherToken = clients.create(settings(cert, "another token"));
        assertNotSame(first, otherToken, "an option changed: the old client knows the old token");
        // rotated in place, under the same name: the engine must believe the new certificate, not the one it loaded
        Files.writeString(cert, "certificate two, longer");
        Files.setLastModifiedTime(cert, FileTime.fromMillis(Files.getLastModifiedTime(cert).toMillis() + 5000));
        PollHostsClientFactory.PollHostsClient rotated = clients.create(settings(cert, "another token"));
        assertNotSame(otherToken, rotated);
        assertEquals(3, made.get());
    }

    @Test
    void aRefusedSettingIsNotKeptAndIsTriedAgain() throws Exception {
        Path cert = Files.writeString(dir.resolve("service.pem"), "certificate one");
        PollHostsClientFactory.PollHostsClient first = clients.create(settings(cert, "token"));
        refuse = true;
        Files.setLastModifiedTime(cert, FileTime.fromMillis(Files.getLastModifiedTime(cert).toMillis() + 5000));
        assertThrows(AttestationUnavailableException.class, () -> clients.create(settings(cert, "token")));
        assertThrows(AttestationUnavailableException.class, () -> clients.create(settings(cert, "token")),
                "the client made before the file was replaced must not come back");
        refuse = false;
        assertNotSame(first, clients.create(settings(cert, "token")));
    }
}
