package io.symphra.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this module with JMH's own command-line options (for example
 * {@code -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc}; a benchmark regex narrows the run) and then prints each comparison
 * as a ratio with its target's verdict. {@code java -jar benchmarks.jar} is plain JMH; this class is what
 * {@code scripts/bench.sh} runs.
 *
 * <p>{@value #CONTENDED} among the arguments says that other processes compete for the cores during the run (the
 * contended step of {@code scripts/bench.sh} starts two busy loops), so that run's targets are checked instead of
 * the quiet machine's. It does not start any load itself.
 */
public final class Suite {

    static final String CONTENDED = "--contended";

    private Suite() {}

    public static void main(String[] args) throws Exception {
        boolean contended = Arrays.asList(args).contains(CONTENDED);
        CommandLineOptions cli = new CommandLineOptions(
                Arrays.stream(args).filter(a -> !a.equals(CONTENDED)).toArray(String[]::new));
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include("io\\.symphra\\.benchmarks\\..*");
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(Comparisons.of(results, contended ? Comparisons.Run.CONTENDED : Comparisons.Run.QUIET)
                .report());
    }
}
