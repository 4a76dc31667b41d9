package org.trustpool.common.businessentities;

/**
 * The vdc_options an administrator may change at run time, each with its type and range, so a
 * typo cannot turn monitoring or attestation off (e.g. a batch size of 0, a non-number period).
 */
public enum ConfigValues {
    VdsRefreshRate(Type.INT, 1, 3600),
    VdsNonResponsiveThreshold(Type.INT, 1, 100),
    VdsConnectTimeoutSeconds(Type.INT, 1, 600),
    VdsRequestTimeoutSeconds(Type.INT, 1, 3600),
    MaxVmMemoryMb(Type.INT, 1, 16 * 1024 * 1024),
    MaxVmCpus(Type.INT, 1, 4096),
    SsoTokenLifetimeMinutes(Type.INT, 1, 7 * 24 * 60),
    AttestationServer(Type.HOST, 0, 0),
    AttestationPort(Type.INT, 1, 65535),
    PollUri(Type.PATH, 0, 0),
    SecureConnectionWithOATServers(Type.BOOLEAN, 0, 0),
    AttestationTruststore(Type.PATH, 0, 0),
    AttestationTruststorePass(Type.SECRET, 0, 0),
    /** The engine's bearer token for PollHosts (the service answers nobody else). */
    AttestationPollToken(Type.SECRET, 0, 0),
    /** PEM file of the certificate whose key signs the service's answers (or its public key). */
    AttestationServiceCertificate(Type.PATH, 0, 0),
    AttestationBatchSize(Type.INT, 1, 10_000),
    /** PollHosts requests of one refresh in flight at once. */
    AttestationConcurrentBatches(Type.INT, 1, 64),
    AttestationTrustValiditySeconds(Type.INT, 1, 86_400),
    AttestationReattestPeriodSeconds(Type.INT, 1, 86_400),
    AttestationConnectTimeoutSeconds(Type.INT, 1, 600),
    AttestationReadTimeoutSeconds(Type.INT, 1, 3600),
    AttestationAutoRecoverUntrusted(Type.BOOLEAN, 0, 0),
    ExportDomainPath(Type.PATH, 0, 0),
    LoginMaxAccountsPerSource(Type.INT, 1, 100_000),
    LoginSourceFreeFailures(Type.INT, 0, 100),
    LoginBackoffMaxSeconds(Type.INT, 1, 86_400),
    LoginAccountFreeFailures(Type.INT, 1, 1_000_000),
    LoginFailureMemorySeconds(Type.INT, 60, 30 * 86_400),
    LoginConcurrentHashes(Type.INT, 0, 1024),
    LoginHashesPerSecond(Type.INT, 0, 100_000),
    LoginHashesPerSourcePerMinute(Type.INT, 1, 100_000);

    /** SECRET values are written but never read back through the API. */
    public enum Type { INT, BOOLEAN, HOST, PATH, SECRET }

    private final Type type;
    private final long min;
    private final long max;

    ConfigValues(Type type, long min, long max) {
        this.type = type;
        this.min = min;
        this.max = max;
    }

    public Type getType() { return type; }
    public long getMin() { return min; }
    public long getMax() { return max; }

    public static ConfigValues byName(String name) {
        for (ConfigValues v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
