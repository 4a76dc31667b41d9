package org.trustpool.attestation.rest;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.trustpool.attestation.config.AttestationConfig;
import org.trustpool.attestation.config.CallerTokens;
import org.trustpool.attestation.config.EnrollmentConfig;
import org.trustpool.attestation.enroll.EnrollmentService;
import org.trustpool.attestation.poll.HttpAgentClient;
import org.trustpool.attestation.poll.PollHostsService;
import org.trustpool.attestation.sign.AnswerSigner;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.JdbcAttestationStore;

/**
 * The service's long-lived parts, one per deployment: configuration, store, HTTP client to
 * the agents and the PollHosts service. The HTTP client gets a small pool of its own (a thread
 * per core), shut down with the deployment; it only verifies answers, the waiting is asynchronous.
 */
@ApplicationScoped
public class AttestationRuntime {

    /**
     * The service's own datasource, with its own database role: the role owns the attestation
     * schema, which the engine's role cannot write, and cannot write the engine's tables.
     */
    public static final String DATASOURCE = "java:jboss/datasources/AttestationDS";

    @Resource(lookup = DATASOURCE)
    private DataSource dataSource;

    private AttestationConfig config;
    private CallerTokens callers;
    private AnswerSigner signer;
    private AttestationStore store;
    private PollHostsService pollHosts;
    private EnrollmentService enrollment;
    private ExecutorService executor;

    @PostConstruct
    void init() {
        config = AttestationConfig.fromSystem();
        callers = CallerTokens.fromSystem();
        signer = AnswerSigner.fromSystem();
        store = new JdbcAttestationStore(dataSource);
        // verifying is CPU work and waiting is asynchronous: a thread per core is all it takes
        executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads());
        HttpAgentClient agents = new HttpAgentClient(HttpAgentClient.newHttpClient(config.deadline(), executor,
                org.trustpool.attestation.poll.AgentTrust.fromSystem()), Json.MAPPER);
        EnrollmentConfig enrollmentConfig = EnrollmentConfig.fromSystem();
        enrollment = new EnrollmentService(store, enrollmentConfig.approval(), enrollmentConfig.challengeTtl(),
                enrollmentConfig.maxChallenges(), new SecureRandom(), Clock.systemUTC());
        pollHosts = new PollHostsService(store, agents, config.callDeadline(), config.deadline(), config.parallelism(), new SecureRandom(),
                Clock.systemUTC());
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    public AttestationConfig config() {
        return config;
    }

    public CallerTokens callers() {
        return callers;
    }

    /** Null when no signing key is configured: PollHosts then answers 503. */
    public AnswerSigner signer() {
        return signer;
    }

    public AttestationStore store() {
        return store;
    }

    public EnrollmentService enrollment() {
        return enrollment;
    }

    public PollHostsService pollHosts() {
        return pollHosts;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "attestation-agents-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
