package org.trustpool.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code trustpool bench [--quick] [--json FILE] [--only P1,P2,...]}: runs each scenario of issue 14 in a
 * JVM of its own, with a time limit, collects the {@code FIGURE name=value unit} lines it prints, and
 * prints one table (figure, value, target, baseline, ratio, held) and the same as JSON.
 *
 * <p>The exit status says whether every figure was PRODUCED, never whether a target was held: a scenario
 * that throws, hangs past its limit or leaves out a figure fails the run (so CI catches a benchmark that
 * rots), a missed target is printed as such. Scenarios that are not built are listed as "not measured",
 * with the reason, and do not fail the run.
 */
public final class Bench {

    /** At most this long before each scenario for the machine to be quiet (QuietMachine); then it runs anyway. */
    private static final long QUIET_WAIT_MILLIS = 30_000;

    private static final Pattern FIGURE = Pattern.compile("^FIGURE ([A-Za-z0-9_.]+)=(-?[0-9.]+(?:[eE][-+]?[0-9]+)?) ?(.*)$");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = null;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> {
                    if (i + 1 >= args.length) {
                        usage("--json needs a file name");
                    }
                    json = Path.of(args[++i]);
                }
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        usage("--only needs scenario names, e.g. P1,P2");
                    }
                    only = List.of(args[++i].toUpperCase(Locale.ROOT).split(","));
                }
                case "--help", "-h" -> {
                    usage(null);
                    return;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : Scenario.all(quick)) {
            if (only != null && java.util.Arrays.stream(scenario.id().toUpperCase(Locale.ROOT).split("\\+")).noneMatch(only::contains)) {
                continue;
            }
            results.add(run(scenario, quick));
        }
        // The load says how much of the machine the figures had: other work on the same cores slows every one of them.
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", load average " + loadBefore
                + " before, " + loadAverage() + " after";
        printTable(results, quick, started, machine);
        if (json != null) {
            writeJson(json, results, quick, started, machine);
            System.out.println("JSON: " + json.toAbsolutePath());
        }
        long failed = results.stream().filter(r -> r.failure != null).count();
        if (failed > 0) {
            System.out.println(failed + " scenario(s) FAILED to produce their figures (see above)");
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("trustpool bench: " + problem);
        }
        System.err.println("usage: trustpool bench [--quick] [--json FILE] [--only P1,P2,P3,P5,LOGIN,...]");
        if (problem != null) {
            System.exit(2);
        }
    }

    /** One scenario in its own JVM: its figures, or why there are none. */
    private static Result run(Scenario scenario, boolean quick) throws IOException, InterruptedException {
        Result result = new Result(scenario);
        if (scenario.notMeasured() != null) {
            return result;
        }
        System.out.printf(Locale.ROOT, "== %s: %s (limit %d s)%n", scenario.id(), scenario.title(), scenario.limitSeconds());
        result.machine = new QuietMachine(QUIET_WAIT_MILLIS).await();
        System.out.println("   " + result.machine);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + scenario.heapMb() + "m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(scenario.mainClass());
        command.addAll(scenario.args());
        File log = File.createTempFile("trustpool-bench-" + scenario.id() + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log);
        long start = System.nanoTime();
        Process process = builder.start();
        Thread reader = new Thread(() -> readFigures(process, result), "bench-" + scenario.id());
        reader.start();
        boolean finished = process.waitFor(scenario.limitSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            result.failure = "did not finish within " + scenario.limitSeconds() + " s (killed)";
        }
        reader.join(5000);
        result.seconds = (System.nanoTime() - start) / 1e9;
        if (result.failure == null && process.exitValue() != 0) {
            result.failure = "exited with status " + process.exitValue() + ": " + lastLines(log.toPath(), 3);
        }
        if (result.failure == null) {
            List<String> missing = new ArrayList<>();
            for (Target target : scenario.targets()) {
                if (!result.figures.containsKey(target.figure())) {
                    missing.add(target.figure());
                }
            }
            if (result.figures.isEmpty()) {
                result.failure = "printed no FIGURE lines: " + lastLines(log.toPath(), 3);
            } else if (!missing.isEmpty()) {
                result.failure = "did not produce " + String.join(", ", missing);
            }
        }
        if (result.failure != null) {
            System.out.println("   FAILED: " + result.failure + " (log: " + log + ")");
        } else {
            Files.deleteIfExists(log.toPath());
        }
        return result;
    }

    private static void readFigures(Process process, Result result) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = FIGURE.matcher(line.strip());
                if (m.matches()) {
                    result.figures.put(m.group(1), new Figure(Double.parseDouble(m.group(2)), m.group(3).strip()));
                }
                System.out.println("   " + line);
            }
        } catch (IOException e) {
            // the process ended; what was read counts
        }
    }

    /** The 1-minute load average (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String lastLines(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void printTable(List<Result> results, boolean quick, Instant started, String machine) {
        System.out.println();
        System.out.println("trustpool bench" + (quick ? " --quick" : "") + ", " + started + ", " + machine);
        String format = "%-6s %-44s %14s %-10s %16s %14s %8s  %s%n";
        System.out.printf(Locale.ROOT, format, "", "figure", "value", "unit", "target", "baseline", "ratio", "held");
        for (Result r : results) {
            if (r.scenario.notMeasured() != null) {
                System.out.printf(Locale.ROOT, "%-6s %s: not measured (%s)%n", r.scenario.id(), r.scenario.title(), r.scenario.notMeasured());
                continue;
            }
            if (r.failure != null) {
                System.out.printf(Locale.ROOT, "%-6s %s: FAILED (%s)%n", r.scenario.id(), r.scenario.title(), r.failure);
                continue;
            }
            for (Map.Entry<String, Figure> e : r.figures.entrySet()) {
                Target target = r.scenario.target(e.getKey());
                Figure baseline = target == null || target.baseline() == null ? null : r.figures.get(target.baseline());
                String ratio = baseline == null || baseline.value() == 0 ? "" : String.format(Locale.ROOT, "%.3f", e.getValue().value() / baseline.value());
                System.out.printf(Locale.ROOT, format, r.scenario.id(), e.getKey(), number(e.getValue().value()), e.getValue().unit(),
                        target == null || target.describe() == null ? "" : target.describe(),
                        baseline == null ? "" : number(baseline.value()), ratio,
                        target == null || target.describe() == null ? "" : target.held(e.getValue().value()) ? "yes" : "NO");
            }
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.3f", v);
    }

    private static void writeJson(Path file, List<Result> results, boolean quick, Instant started, String machine) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("started", started.toString());
        root.put("mode", quick ? "quick" : "full");
        root.put("machine", machine);
        ArrayNode scenarios = root.putArray("scenarios");
        for (Result r : results) {
            ObjectNode s = scenarios.addObject();
            s.put("id", r.scenario.id());
            s.put("title", r.scenario.title());
            if (r.scenario.notMeasured() != null) {
                s.put("status", "not measured");
                s.put("why", r.scenario.notMeasured());
                continue;
            }
            s.put("status", r.failure == null ? "measured" : "failed");
            s.put("seconds", Math.round(r.seconds * 10) / 10.0);
            s.put("machine_before", r.machine);
            if (r.failure != null) {
                s.put("failure", r.failure);
            }
            ArrayNode figures = s.putArray("figures");
            for (Map.Entry<String, Figure> e : r.figures.entrySet()) {
                ObjectNode f = figures.addObject();
                f.put("name", e.getKey());
                f.put("value", e.getValue().value());
                f.put("unit", e.getValue().unit());
                Target target = r.scenario.target(e.getKey());
                if (target != null && target.describe() != null) {
                    f.put("target", target.describe());
                    f.put("held", target.held(e.getValue().value()));
                }
                Figure baseline = target == null || target.baseline() == null ? null : r.figures.get(target.baseline());
                if (baseline != null) {
                    f.put("baseline", target.baseline());
                    f.put("baseline_value", baseline.value());
                    if (baseline.value() != 0) {
                        f.put("ratio", e.getValue().value() / baseline.value());
                    }
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        mapper.writeValue(file.toFile(), root);
    }

    record Figure(double value, String unit) {
    }

    private static final class Result {
        final Scenario scenario;
        final Map<String, Figure> figures = new LinkedHashMap<>();
        volatile String failure;
        double seconds;
        /** How busy the machine was when the scenario started (QuietMachine). */
        String machine;

        Result(Scenario scenario) {
            this.scenario = scenario;
        }
    }
}
