package io.symphra.benchmarks.record;

import org.openjdk.jmh.annotations.Threads;

/** {@link RecordBenchmark} on two threads recording into the same series: the cost under contention. */
@Threads(2)
public class RecordTwoThreadsBenchmark extends RecordBenchmark {
}
