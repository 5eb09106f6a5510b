package io.symphra.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns one JMH run's results into the ratios that the targets are stated in, each with its verdict. A comparison
 * whose benchmarks were not part of the run is left out.
 */
final class Comparisons {

    /** The machine a run had: which dispatch targets apply to it. */
    enum Run {
        /** Nothing but the benchmark on the machine. */
        QUIET,
        /** Two busy loops compete for the cores ({@code scripts/bench.sh} starts them). */
        CONTENDED
    }

    private final Map<String, RunResult> byKey = new HashMap<>();
    private final Run run;

    private Comparisons(Collection<RunResult> results, Run run) {
        for (RunResult r : results) {
            byKey.put(key(r.getParams()), r);
        }
        this.run = run;
    }

    static Comparisons of(Collection<RunResult> results, Run run) {
        return new Comparisons(results, run);
    }

    /** {@code RecordOneThreadBenchmark.symphra}, or {@code DispatchBenchmark.dispatch[symphra]} for a parameter. */
    private static String key(BenchmarkParams params) {
        String name = params.getBenchmark();
        int method = name.lastIndexOf('.');
        int type = name.lastIndexOf('.', method - 1);
        String shortName = name.substring(type + 1);
        String scheduler = params.getParam("scheduler");
        return scheduler == null ? shortName : shortName + "[" + scheduler + "]";
    }

    private static String dispatchKey(String scheduler) {
        return "DispatchBenchmark.dispatch[" + scheduler + "]";
    }

    String report() {
        List<String> lines = new ArrayList<>();
        record(lines, "RecordOneThreadBenchmark", "record one execution, 1 thread");
        record(lines, "RecordTwoThreadsBenchmark", "record one execution, 2 threads, same task");
        record(lines, "RecordTwoThreadsBenchmark", "OwnTask", "record one execution, 2 threads, a task each");
        render(lines);
        dispatch(lines);
        if (lines.isEmpty()) {
            return "No comparison: the run held none of the compared benchmarks.";
        }
        String header = run == Run.CONTENDED
                ? "Comparisons of the contended run (two busy loops compete for the cores; ours against the peers,"
                        + " same JMH run):\n"
                : "Comparisons (ours against the peers, same JMH run):\n";
        return header + String.join("\n", lines);
    }

    private void record(List<String> lines, String type, String title) {
        record(lines, type, "", title);
    }

    private void record(List<String> lines, String type, String suffix, String title) {
        Double ours = score(type + ".symphra" + suffix, null);
        Double clientJava = score(type + ".clientJava" + suffix, null);
        if (ours == null || clientJava == null) {
            return;
        }
        Double micrometer = score(type + ".micrometer" + suffix, null);
        double ratio = ours / clientJava;
        boolean met = ratio <= 1.0 && ours <= 25.0;
        lines.add(String.format(
                Locale.ROOT,
                "  %s: symphra %.1f ns, client_java %.1f ns, micrometer %s; "
                        + "symphra/client_java = %.2f; target <= 1.0 and <= 25 ns: %s",
                title,
                ours,
                clientJava,
                micrometer == null ? "-" : String.format(Locale.ROOT, "%.1f ns", micrometer),
                ratio,
                verdict(met)));
    }

    private void render(List<String> lines) {
        Double ours = score("RenderBenchmark.symphra", null);
        Double clientJava = score("RenderBenchmark.clientJava", null);
        if (ours == null || clientJava == null) {
            return;
        }
        Double micrometer = score("RenderBenchmark.micrometer", null);
        double ratio = ours / clientJava;
        Double oursBytes = score("RenderBenchmark.symphra", "gc.alloc.rate.norm");
        Double clientJavaBytes = score("RenderBenchmark.clientJava", "gc.alloc.rate.norm");
        String alloc = oursBytes == null || clientJavaBytes == null
                ? "allocation not measured (run with -prof gc)"
                : String.format(
                        Locale.ROOT,
                        "allocated %.0f B vs %.0f B per scrape: %s",
                        oursBytes,
                        clientJavaBytes,
                        verdict(oursBytes < clientJavaBytes));
        lines.add(String.format(
                Locale.ROOT,
                "  render 1,000 tasks (snapshot + text 0.0.4): symphra %.0f us, "
                        + "client_java %.0f us, micrometer %s; symphra/client_java = %.2f; target <= 1.0: %s; %s",
                ours,
                clientJava,
                micrometer == null ? "-" : String.format(Locale.ROOT, "%.0f us", micrometer),
                ratio,
                verdict(ratio <= 1.0),
                alloc));
    }

    /**
     * Wall-clock and per-CPU-second rates against the peers, and the bytes allocated per run. The targets are those of
     * the run: on a quiet machine >= 0.7x STPE on the wall clock and >= 0.8x per CPU-second (our side records
     * metrics, STPE does not); with two busy loops >= 0.7x STPE on the wall clock, per CPU-second without a target.
     */
    private void dispatch(List<String> lines) {
        Double ours = score(dispatchKey("symphra"), "runs");
        Double stpe = score(dispatchKey("stpe"), "runs");
        Double quartz = score(dispatchKey("quartz"), "runs");
        if (ours == null || (stpe == null && quartz == null)) {
            return;
        }
        String what = run == Run.CONTENDED ? "contended dispatch (two busy loops)" : "dispatch";
        lines.add(dispatchLine(what + " no-op runs per second (wall clock)", ours, stpe, 0.7, quartz));
        Double oursCpu = perCpuSecond("symphra");
        if (oursCpu != null) {
            lines.add(dispatchLine(
                    what + " no-op runs per CPU-second (steadier on a shared machine)",
                    oursCpu,
                    perCpuSecond("stpe"),
                    run == Run.CONTENDED ? null : 0.8,
                    perCpuSecond("quartz")));
        }
        lines.add(allocationLine(what));
    }

    /** {@code stpeTarget} is the least symphra/STPE ratio that meets the target, or null for no target. */
    private static String dispatchLine(String what, double ours, Double stpe, Double stpeTarget, Double quartz) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s: symphra %.0f", what, ours));
        if (stpe != null) {
            double ratio = ours / stpe;
            line.append(String.format(Locale.ROOT, ", STPE %.0f (symphra/STPE = %.2f", stpe, ratio));
            if (stpeTarget != null) {
                line.append(
                        String.format(Locale.ROOT, "; target >= %.1f: %s", stpeTarget, verdict(ratio >= stpeTarget)));
            }
            line.append(')');
        }
        if (quartz != null) {
            line.append(String.format(
                    Locale.ROOT,
                    ", Quartz %.0f (symphra/Quartz = %.1f; target >= 10: %s)",
                    quartz,
                    ours / quartz,
                    verdict(ours / quartz >= 10)));
        }
        return line.toString();
    }

    /** Bytes per run of ours and STPE, with the target for ours: <= 64 B per periodic fire. */
    private String allocationLine(String what) {
        Double ours = bytesPerRun("symphra");
        if (ours == null) {
            return "  " + what + " bytes per run: not measured (run with -prof gc)";
        }
        Double stpe = bytesPerRun("stpe");
        return String.format(
                Locale.ROOT,
                "  %s bytes per run (gc.alloc.rate.norm / runs per op): symphra %.0f B, STPE %s; "
                        + "target <= 64 B per periodic fire: %s",
                what,
                ours,
                stpe == null ? "-" : String.format(Locale.ROOT, "%.0f B", stpe),
                verdict(ours <= 64));
    }

    /**
     * Bytes allocated per run of one dispatcher: {@code gc.alloc.rate.norm} is per operation (a window of the JMH
     * thread), and runs per second over operations per second is the runs per operation.
     */
    private Double bytesPerRun(String scheduler) {
        String key = dispatchKey(scheduler);
        Double bytesPerOp = score(key, "gc.alloc.rate.norm");
        Double ops = score(key, null);
        Double runs = score(key, "runs");
        return bytesPerOp == null || ops == null || runs == null || runs <= 0 ? null : bytesPerOp / (runs / ops);
    }

    /** Runs per CPU-second of one dispatcher: mean runs per second over mean CPU nanoseconds per second. */
    private Double perCpuSecond(String scheduler) {
        String key = dispatchKey(scheduler);
        Double runs = score(key, "runs");
        Double cpu = score(key, "cpu");
        return runs == null || cpu == null || cpu <= 0 ? null : runs / (cpu / 1e9);
    }

    private Double score(String key, String secondary) {
        RunResult r = byKey.get(key);
        if (r == null) {
            return null;
        }
        Result<?> result = secondary == null
                ? r.getPrimaryResult()
                : r.getSecondaryResults().get(secondary);
        return result == null ? null : result.getScore();
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
