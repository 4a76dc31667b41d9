package org.trustpool.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The attestation service's bearer tokens, generated at the first start and kept in the
 * data directory (0600) so agents and scripts keep working across restarts: the admin token
 * (whitelist, host deletion), the registration token (agents registering their AIK), the
 * engine's (PollHosts, nobody else) and the readers' (GET /hosts, /mles).
 * WildFly gets them through its environment, which `ps` does not show.
 */
record AttestationTokens(String admin, String registration, String engine, String reader) {

    static final String ADMIN_FILE = "attestation-admin-token";
    static final String REGISTRATION_FILE = "attestation-registration-token";
    static final String ADMIN_ENV = "TRUSTPOOL_ATTESTATION_ADMIN_TOKEN";
    static final String REGISTRATION_ENV = "TRUSTPOOL_ATTESTATION_REGISTRATION_TOKEN";
    static final String ENGINE_FILE = "attestation-engine-token";
    static final String READER_FILE = "attestation-reader-token";
    static final String ENGINE_ENV = "TRUSTPOOL_ATTESTATION_ENGINE_TOKEN";
    static final String READER_ENV = "TRUSTPOOL_ATTESTATION_READER_TOKEN";
    static final int LENGTH = SecretFile.LENGTH;

    static AttestationTokens resolve(Path dataDir) throws IOException {
        // the service refuses tokens under 16 characters; SecretFile replaces a short one
        return new AttestationTokens(SecretFile.kept(dataDir.resolve(ADMIN_FILE)), SecretFile.kept(dataDir.resolve(REGISTRATION_FILE)),
                SecretFile.kept(dataDir.resolve(ENGINE_FILE)), SecretFile.kept(dataDir.resolve(READER_FILE)));
    }

    /** The registration token's file, which the simulator reads (a token on its command line would show in ps). */
    static Path registrationFile(Path dataDir) {
        return dataDir.resolve(REGISTRATION_FILE);
    }

    /** For the WildFly process: the service reads these variables. */
    Map<String, String> environment() {
        return Map.of(ADMIN_ENV, admin, REGISTRATION_ENV, registration, ENGINE_ENV, engine, READER_ENV, reader);
    }
}
