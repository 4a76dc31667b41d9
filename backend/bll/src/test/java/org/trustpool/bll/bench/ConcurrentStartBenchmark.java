package org.trustpool.bll.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.RealEngine;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.dal.TestDatabase;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostCapabilities;
import org.trustpool.vdsbroker.HostStats;
import org.trustpool.vdsbroker.attestation.PollResult;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Not a test: P6 of issue 14. Many concurrent VM starts (each its own client thread) over hosts in a
 * trusted and a plain cluster, half the VMs in each, through the real command machinery (CommandExecutor,
 * RunVmCommand, the scheduler, the PostgreSQL reservation) on real PostgreSQL, with stand-ins only for
 * the network peers: host agents (a few milliseconds per call) and the attestation service. Two runs in
 * one invocation, each with an empty verdict cache: one where PollHosts answers at once, one where it
 * stalls for 5 s. Prints, as "FIGURE name=value unit" lines, the plain-cluster start rate of both runs
 * and their ratio (target: at least 0.9, the stall costs plain starts nothing), and how many starts
 * failed for lock reasons (target: 0).
 * Run: mvn -q -pl backend/bll test-compile exec:java -Dbenchmark=org.trustpool.bll.bench.ConcurrentStartBenchmark [-Dexec.args=--quick]
 */
public final class ConcurrentStartBenchmark {
    private static final long STALL_MILLIS = 5_000;
    private static final long AGENT_MILLIS = 3;

    private record Run(double plainPerSecond, double trustedPerSecond, int started, int lockFailures, int otherFailures,
            List<String> sampleFailures) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int vms = quick ? 100 : 1000;
        int hosts = quick ? 10 : 100;
        Logger.getLogger("").setLevel(Level.WARNING); // one audit line per start would drown the figures
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(TestDatabase.get().getDataSource());
        pool.setMaximumPoolSize(16);
        pool.setConnectionTimeout(60_000);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            run(dataSource, vms / 10, hosts, 0); // warm-up, not printed
            Run calm = run(dataSource, vms, hosts, 0);
            Run stalled = run(dataSource, vms, hosts, STALL_MILLIS);
            figure("p6_vm_starts", vms, "count");
            figure("p6_hosts", hosts, "count");
            figure("p6_plain_starts_per_s_no_stall", calm.plainPerSecond(), "starts/s");
            figure("p6_plain_starts_per_s_stall", stalled.plainPerSecond(), "starts/s");
            figure("p6_plain_rate_ratio_stall_vs_no_stall", stalled.plainPerSecond() / calm.plainPerSecond(), "ratio");
            figure("p6_trusted_starts_per_s_no_stall", calm.trustedPerSecond(), "starts/s");
            figure("p6_trusted_starts_per_s_stall", stalled.trustedPerSecond(), "starts/s");
            figure("p6_started_no_stall", calm.started(), "count");
            figure("p6_started_stall", stalled.started(), "count");
            figure("p6_lock_failures_no_stall", calm.lockFailures(), "count");
            figure("p6_lock_failures_stall", stalled.lockFailures(), "count");
            figure("p6_other_failures_no_stall", calm.otherFailures(), "count");
            figure("p6_other_failures_stall", stalled.otherFailures(), "count");
            for (String failure : stalled.sampleFailures()) {
                System.out.println("# failure: " + failure);
            }
        }
        System.exit(0); // the broker's and the pool's threads
    }

    private static Run run(javax.sql.DataSource dataSource, int vmCount, int hostCount, long stallMillis) throws Exception {
        AtomicBoolean stall = new AtomicBoolean(stallMillis > 0);
        ExecutorService refreshes = Executors.newCachedThreadPool(daemon());
        RealEngine engine = new RealEngine(dataSource, names -> {
            if (stall.getAndSet(false)) {
                sleep(stallMillis);
            }
            return RealEngine.allTrusted(names);
        }, refreshes);
        ExecutorService clients = Executors.newCachedThreadPool(daemon());
        try {
            Cluster trusted = engine.cluster("bench-trusted", true);
            Cluster plain = engine.cluster("bench-plain", false);
            long perHost = 2L * 1024 * (vmCount / hostCount + 1); // room for all, so no start fails for want of it
            for (int i = 0; i < hostCount; i++) {
                engine.host("bench" + i, i % 2 == 0 ? trusted : plain, perHost, new StandInAgent());
            }
            List<VmStatic> plainVms = new ArrayList<>();
            List<VmStatic> trustedVms = new ArrayList<>();
            for (int i = 0; i < vmCount; i++) {
                (i % 2 == 0 ? trustedVms : plainVms).add(engine.vm("bench" + i, i % 2 == 0 ? trusted : plain, 1024));
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger lockFailures = new AtomicInteger();
            AtomicInteger otherFailures = new AtomicInteger();
            List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Future<Long>> plainDone = new ArrayList<>();
            List<Future<Long>> trustedDone = new ArrayList<>();
            List<VmStatic> all = new ArrayList<>();
            for (int i = 0; i < plainVms.size() || i < trustedVms.size(); i++) {
                if (i < trustedVms.size()) {
                    all.add(trustedVms.get(i));
                }
                if (i < plainVms.size()) {
                    all.add(plainVms.get(i));
                }
            }
            for (VmStatic vm : all) {
                Future<Long> done = clients.submit(() -> {
                    go.await();
                    ActionReturnValue rv = engine.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
                    if (!rv.getSucceeded()) {
                        boolean lock = rv.getValidationMessages().stream().anyMatch(m -> m.getMessage() == EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED
                                || m.getMessage() == EngineMessage.ACTION_TYPE_FAILED_OBJECT_BUSY)
                                || rv.getFault() != null && (rv.getFault().message() == EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED
                                || rv.getFault().message() == EngineMessage.ACTION_TYPE_FAILED_OBJECT_BUSY);
                        (lock ? lockFailures : otherFailures).incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add(String.join(" ", rv.getMessageTexts()));
                        }
                        return -1L;
                    }
                    return System.nanoTime();
                });
                (vm.getClusterId().equals(plain.getId()) ? plainDone : trustedDone).add(done);
            }
            long start = System.nanoTime();
            go.countDown();
            double plainRate = rate(plainDone, start);
            double trustedRate = rate(trustedDone, start);
            int started = (int) java.util.stream.Stream.concat(plainDone.stream(), trustedDone.stream()).filter(f -> get(f) > 0).count();
            return new Run(plainRate, trustedRate, started, lockFailures.get(), otherFailures.get(), samples);
        } finally {
            clients.shutdownNow();
            refreshes.shutdownNow();
            engine.removeAll();
        }
    }

    /** Starts that succeeded per second, from the common start to the last of them. */
    private static double rate(List<Future<Long>> done, long start) {
        long last = start;
        int succeeded = 0;
        for (Future<Long> f : done) {
            long at = get(f);
            if (at > 0) {
                succeeded++;
                last = Math.max(last, at);
            }
        }
        return last == start ? 0 : succeeded / ((last - start) / 1e9);
    }

    private static long get(Future<Long> f) {
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a start did not finish", e);
        }
    }

    private static void figure(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "FIGURE %s=%s %s", name,
                value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value), unit));
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A host agent on the other end of a short network hop: every call takes a few milliseconds. */
    private static final class StandInAgent implements HostAgentClient {
        @Override public HostCapabilities getCapabilities() { throw new UnsupportedOperationException(); }
        @Override public HostStats getStats() { throw new UnsupportedOperationException(); }
        @Override public List<AgentVm> getVmList() { return List.of(); }

        @Override public AgentVm createVm(java.util.UUID vmId, String name, int memMb, int cpus) {
            sleep(AGENT_MILLIS);
            return new AgentVm(vmId, name, memMb, cpus, "Up");
        }

        @Override public void destroyVm(java.util.UUID vmId) { sleep(AGENT_MILLIS); }
        @Override public void migrateVm(java.util.UUID vmId, String destinationUrl) { sleep(AGENT_MILLIS); }
        @Override public String endpoint() { return "http://127.0.0.1:1/stand-in"; }
    }
}
