package org.trustpool.attestation.poll;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.verify.Challenge;
import org.trustpool.attestation.verify.CheckResult;
import org.trustpool.attestation.verify.QuoteVerifier;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.WhitelistCheck;

/**
 * PollHosts: attests each named host afresh and answers its verdict.
 *
 * <p>Registered hosts are challenged concurrently, at most {@code parallelism} at a time. Each host
 * has its own deadline ({@code hostDeadline}): a host that does not answer frees its slot when its
 * own deadline passes, so a few dead hosts cannot hold every slot while live hosts wait their turn
 * and come back timeout. The whole call is bounded too: every challenge must be answered within
 * {@code deadline} of the call's start, so a host whose turn never came is a timeout, and the
 * engine gets its answer in time whatever the hosts do. Hosts that did not answer in time when this
 * service last challenged them are challenged first (see {@link #lastTimedOut}). Verdicts of registered hosts are stored (readable with their reasons) and every
 * non-trusted one is logged.
 */
public final class PollHostsService {

    private static final Logger LOG = Logger.getLogger(PollHostsService.class.getName());
    /** Past the deadline, what we give the last verifications and the store before answering regardless. */
    private static final long GRACE_MILLIS = 500;

    private final AttestationStore store;
    private final AgentClient agents;
    private final QuoteVerifier verifier = new QuoteVerifier();
    private final Duration deadline;
    private final Duration hostDeadline;
    private final int parallelism;
    private final SecureRandom random;
    private final Clock clock;
    /**
     * Registered hosts whose last challenge by this service ended in a timeout (names only; bounded by the
     * registrations). They are challenged first: a host that was dead is most likely still dead, and its own
     * deadline then runs while the live hosts are verified, instead of starting only once the hosts ahead of it
     * in the request have freed their slots, which made a call last the per-host deadline plus the time to work
     * through them. A host that dies after answering is found at its turn, as before; one that answers in time
     * leaves the set. Order is all this changes: every host is still challenged afresh, with its own deadline.
     */
    private final Set<String> lastTimedOut = ConcurrentHashMap.newKeySet();

    /** Each host may take the whole call's deadline. */
    public PollHostsService(AttestationStore store, AgentClient agents, Duration deadline, int parallelism,
                            SecureRandom random, Clock clock) {
        this(store, agents, deadline, deadline, parallelism, random, clock);
    }

    public PollHostsService(AttestationStore store, AgentClient agents, Duration deadline, Duration hostDeadline, int parallelism,
                            SecureRandom random, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.store = store;
        this.agents = agents;
        this.deadline = deadline;
        this.hostDeadline = hostDeadline.compareTo(deadline) < 0 ? hostDeadline : deadline;
        this.parallelism = parallelism;
        this.random = random;
        this.clock = clock;
    }

    /** @return one verdict per distinct name, in the order the names were given */
    public List<Verdict> poll(List<String> hostNames) {
        return poll(hostNames, v -> { });
    }

    /**
     * As {@link #poll(List)}, handing each challenged host's verdict to {@code ready} as soon as it is known, on
     * the calling thread, while the call waits for the slower hosts: work the caller does per verdict (signing it)
     * then overlaps the wait for dead hosts instead of following it. What counts is the returned list: a verdict
     * handed over is in it as the same object, unless the call's deadline passed before it was collected (then a
     * TIMEOUT stands in its place). Verdicts known without a challenge, and those of hosts still unanswered at the
     * deadline, are not handed over. A failing {@code ready} is logged and does not stop the poll.
     */
    public List<Verdict> poll(List<String> hostNames, Consumer<Verdict> ready) {
        return poll(hostNames, store.findHosts(new ArrayList<>(new LinkedHashSet<>(hostNames))), ready);
    }

    /**
     * As {@link #poll(List, Consumer)}, with the registrations of these names as the caller read them: one read
     * for the call, so what the caller reports with a verdict (PollHostsResource: the agent_url, from which the
     * engine tells whether the machine checked is the host it manages) is the registration that was challenged,
     * even if the host registers again meanwhile. A name missing from the map is not registered.
     */
    public List<Verdict> poll(List<String> hostNames, Map<String, RegisteredHost> registered, Consumer<Verdict> ready) {
        long start = System.nanoTime();
        long deadlineAt = start + deadline.toNanos();
        List<String> names = new ArrayList<>(new LinkedHashSet<>(hostNames));
        List<Mle> whitelist = registered.isEmpty() ? List.of() : store.mles();

        Verdict[] verdicts = new Verdict[names.size()];
        List<Integer> toChallenge = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            RegisteredHost host = registered.get(names.get(i));
            Verdict notEnrolled = host == null ? null : enrollmentVerdict(host);
            if (notEnrolled != null) {
                verdicts[i] = notEnrolled;
            } else if (host != null) {
                toChallenge.add(i);
            } else {
                verdicts[i] = new Verdict(names.get(i), TrustLevel.UNKNOWN, now(), "registration",
                        "the attestation service has no registered host of this name");
            }
        }

        // stable: the others keep the order they were asked in
        toChallenge.sort(Comparator.comparing(i -> !lastTimedOut.contains(names.get(i))));

        @SuppressWarnings("unchecked")
        CompletableFuture<Verdict>[] pending = new CompletableFuture[toChallenge.size()];
        for (int k = 0; k < pending.length; k++) {
            pending[k] = new CompletableFuture<>();
        }
        // The calling thread hands out the slots; answers are verified on the HTTP client's threads.
        Semaphore slots = new Semaphore(parallelism);
        BlockingQueue<Verdict> known = new LinkedBlockingQueue<>();
        int sent = 0;
        int handed = 0;
        for (int k = 0; k < pending.length; k++) {
            RegisteredHost host = registered.get(names.get(toChallenge.get(k)));
            CompletableFuture<Verdict> target = pending[k];
            // every answer frees a slot, so this thread wakes for each one and hands it over before the next challenge
            handed += handOver(known, ready, sent - handed, Long.MIN_VALUE);
            if (!acquire(slots, deadlineAt)) {
                target.complete(new Verdict(host.name(), TrustLevel.TIMEOUT, now(), "deadline",
                        "not challenged within " + deadline.toMillis() + " ms: all " + parallelism
                                + " challenge slots were busy with slower hosts"));
                continue;
            }
            Challenge challenge = Challenge.fresh(random);
            sent++;
            long left = Math.max(1, Math.min(hostDeadline.toNanos(), deadlineAt - System.nanoTime()));
            agents.getQuote(host.agentUrl(), challenge, Duration.ofNanos(left))
                    .handle((answer, failure) -> failure != null
                            ? new Verdict(host.name(), TrustLevel.TIMEOUT, now(), "transport", "no answer: " + failure)
                            : evaluate(host, challenge, answer, whitelist))
                    .whenComplete((v, f) -> {
                        Verdict done = (v != null ? v : new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), "internal",
                                "verification failed: " + f)).withChallenge(challenge.nonce());
                        target.complete(done);
                        // after completing, so a verdict taken from the queue is the one collected below
                        known.add(done);
                        slots.release();
                    });
        }

        // each challenge sent puts exactly one verdict in the queue; the stragglers become timeouts below
        handOver(known, ready, sent - handed, deadlineAt + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS));
        List<Verdict> toStore = new ArrayList<>();
        for (int k = 0; k < pending.length; k++) {
            String name = names.get(toChallenge.get(k));
            Verdict v = pending[k].getNow(null);
            if (v == null) {
                v = new Verdict(name, TrustLevel.TIMEOUT, now(), "deadline", "no answer within " + deadline.toMillis() + " ms");
            }
            verdicts[toChallenge.get(k)] = v;
            toStore.add(v);
            if (v.level() == TrustLevel.TIMEOUT) {
                lastTimedOut.add(name);
            } else {
                lastTimedOut.remove(name);
            }
        }
        if (!toStore.isEmpty()) {
            store.saveVerdicts(toStore);
        }
        List<Verdict> result = List.of(verdicts);
        log(result, System.nanoTime() - start);
        return result;
    }

    /**
     * Hands up to {@code expected} verdicts from the queue to ready, waiting for them until waitUntil (System.nanoTime;
     * Long.MIN_VALUE: only those already there). @return how many were handed over
     */
    private static int handOver(BlockingQueue<Verdict> known, Consumer<Verdict> ready, int expected, long waitUntil) {
        int handed = 0;
        while (handed < expected) {
            Verdict v;
            try {
                long left = waitUntil == Long.MIN_VALUE ? 0 : waitUntil - System.nanoTime();
                v = left <= 0 ? known.poll() : known.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handed;
            }
            if (v == null) {
                return handed;
            }
            handed++;
            try {
                ready.accept(v);
            } catch (RuntimeException e) {
                // the caller does this work again for every verdict it has no result for; the poll goes on
                LOG.log(Level.WARNING, "handing over the verdict of " + v.hostName() + " failed", e);
            }
        }
        return handed;
    }

    /**
     * A quote only counts from a host whose name is bound to a TPM that proved itself (credential
     * activation with a certified EK) and whose EK the approval policy or an administrator let in;
     * otherwise the verdict says what is missing, without challenging the host at all.
     */
    private Verdict enrollmentVerdict(RegisteredHost host) {
        if (host.ekFingerprint() == null) {
            return new Verdict(host.name(), TrustLevel.UNKNOWN, now(), "enrollment",
                    "registered before enrollment existed: the host must enroll again (EK certificate and credential activation)");
        }
        return switch (host.approval()) {
            case APPROVED -> null;
            case PENDING -> new Verdict(host.name(), TrustLevel.UNKNOWN, now(), "approval",
                    "waiting for approval: its TPM (EK sha256 " + host.ekFingerprint() + ") enrolled and waits for an administrator"
                            + " (POST /AttestationService/resources/hosts/" + host.name() + "/approve)");
            case REJECTED -> new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), "approval",
                    "an administrator rejected its TPM (EK sha256 " + host.ekFingerprint() + ")");
        };
    }

    private static boolean acquire(Semaphore slots, long deadlineAt) {
        long left = deadlineAt - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            return slots.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Turns an answer into a verdict; never throws, an unexpected failure is an untrusted verdict with its reason. */
    Verdict evaluate(RegisteredHost host, Challenge challenge, AgentAnswer answer, List<Mle> whitelist) {
        try {
            if (answer instanceof AgentAnswer.Unreachable u) {
                return new Verdict(host.name(), TrustLevel.TIMEOUT, now(), "transport", u.reason());
            }
            if (answer instanceof AgentAnswer.Refused r) {
                return new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), r.check(), r.reason());
            }
            AgentAnswer.Answered a = (AgentAnswer.Answered) answer;
            CheckResult quote = verifier.verify(challenge, a.evidence(), host.aik());
            if (!quote.passed()) {
                return new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), quote.check(), quote.reason());
            }
            // only values the registered AIK vouched for reach the whitelist
            CheckResult known = WhitelistCheck.check(host.biosName(), host.biosVersion(), host.vmmName(), host.vmmVersion(),
                    a.evidence().pcrValues(), whitelist);
            if (!known.passed()) {
                return new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), known.check(), known.reason());
            }
            return Verdict.trusted(host.name(), now());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "verifying " + host.name() + " failed unexpectedly", e);
            return new Verdict(host.name(), TrustLevel.UNTRUSTED, now(), "internal", "verification failed: " + e);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static void log(List<Verdict> verdicts, long nanos) {
        Map<TrustLevel, Integer> counts = new EnumMap<>(TrustLevel.class);
        for (Verdict v : verdicts) {
            counts.merge(v.level(), 1, Integer::sum);
            if (v.level() != TrustLevel.TRUSTED) {
                LOG.warning(() -> "host " + v.hostName() + " is " + v.level().wire() + " [" + v.check() + "]: " + v.reason());
            } else {
                LOG.fine(() -> "host " + v.hostName() + " is trusted");
            }
        }
        LOG.info(() -> "PollHosts of " + verdicts.size() + " host" + (verdicts.size() == 1 ? "" : "s") + " in "
                + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms: " + counts);
    }
}
