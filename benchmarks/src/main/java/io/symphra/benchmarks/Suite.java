package io.symphra.benchmarks;

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
 */
public final class Suite {

    private Suite() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include("io\\.symphra\\.benchmarks\\..*");
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(Comparisons.of(results).report());
    }
}
