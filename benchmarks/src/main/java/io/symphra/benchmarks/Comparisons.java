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

    private final Map<String, RunResult> byKey = new HashMap<>();

    private Comparisons(Collection<RunResult> results) {
        for (RunResult r : results) {
            byKey.put(key(r.getParams()), r);
        }
    }

    static Comparisons of(Collection<RunResult> results) {
        return new Comparisons(results);
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
        return "Comparisons (ours against the peers, same JMH run):\n" + String.join("\n", lines);
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

    private void dispatch(List<String> lines) {
        Double ours = score("DispatchBenchmark.dispatch[symphra]", "runs");
        Double stpe = score("DispatchBenchmark.dispatch[stpe]", "runs");
        Double quartz = score("DispatchBenchmark.dispatch[quartz]", "runs");
        if (ours == null || (stpe == null && quartz == null)) {
            return;
        }
        lines.add(dispatchLine("runs per second (wall clock)", ours, stpe, quartz));
        Double oursCpu = perCpuSecond("symphra");
        if (oursCpu != null) {
            lines.add(dispatchLine(
                    "runs per CPU-second (steadier on a shared machine)",
                    oursCpu,
                    perCpuSecond("stpe"),
                    perCpuSecond("quartz")));
        }
    }

    private static String dispatchLine(String what, double ours, Double stpe, Double quartz) {
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "  dispatch no-op %s: symphra %.0f", what, ours));
        if (stpe != null) {
            line.append(String.format(
                    Locale.ROOT,
                    ", STPE %.0f (symphra/STPE = %.2f; target >= 0.7: %s)",
                    stpe,
                    ours / stpe,
                    verdict(ours / stpe >= 0.7)));
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

    /** Runs per CPU-second of one dispatcher: mean runs per second over mean CPU nanoseconds per second. */
    private Double perCpuSecond(String scheduler) {
        String key = "DispatchBenchmark.dispatch[" + scheduler + "]";
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
