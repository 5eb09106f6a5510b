package io.symphra.benchmarks.record;

import org.openjdk.jmh.annotations.Threads;

/** {@link RecordBenchmark} on one thread: the cost of a recording without contention. */
@Threads(1)
public class RecordOneThreadBenchmark extends RecordBenchmark {}
