package io.symphra.benchmarks.dispatch;

import java.util.concurrent.atomic.LongAdder;

/** One scheduler under test: fires {@code tasks} periodic no-op tasks that each count their run in {@code runs}. */
// "try": close() waits for the scheduler's threads and may be interrupted; the benchmark and its test let that
// InterruptedException propagate, which is what they want.
@SuppressWarnings("try")
interface Dispatcher extends AutoCloseable {

    /** Registers the tasks and starts firing them. */
    void start(int tasks, LongAdder runs) throws Exception;

    /** What the scheduler reports about itself after the trial, or an empty string. */
    default String summary() {
        return "";
    }

    /** Stops firing and releases the threads. */
    @Override
    void close() throws Exception;

    /**
     * The dispatcher of that name: {@code symphra}, {@code stpe} or {@code quartz}, or one of ours that takes
     * something away to show its cost: {@code symphra-inline} (see {@link SymphraDispatcher}),
     * {@code symphra-nometrics} (metrics off), {@code symphra-1worker} (one worker thread) or {@code symphra-nomdc}
     * (no MDC around attempts; the MDC costs only with a logging backend that keeps one, such as logback).
     */
    static Dispatcher named(String name) {
        return switch (name) {
            case "symphra" -> new SymphraDispatcher(false, true, DispatchBenchmark.WORKERS, true);
            case "symphra-inline" -> new SymphraDispatcher(true, true, DispatchBenchmark.WORKERS, true);
            case "symphra-nometrics" -> new SymphraDispatcher(false, false, DispatchBenchmark.WORKERS, true);
            case "symphra-1worker" -> new SymphraDispatcher(false, true, 1, true);
            case "symphra-nomdc" -> new SymphraDispatcher(false, true, DispatchBenchmark.WORKERS, false);
            case "stpe" -> new StpeDispatcher();
            case "quartz" -> new QuartzDispatcher();
            default ->
                throw new IllegalArgumentException(
                        "unknown scheduler '" + name + "'; expected symphra, stpe or quartz");
        };
    }
}
