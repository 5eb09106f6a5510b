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

    /** The dispatcher of that name: {@code symphra}, {@code symphra-inline}, {@code stpe} or {@code quartz}. */
    static Dispatcher named(String name) {
        return switch (name) {
            case "symphra" -> new SymphraDispatcher(false);
            case "symphra-inline" -> new SymphraDispatcher(true);
            case "stpe" -> new StpeDispatcher();
            case "quartz" -> new QuartzDispatcher();
            default ->
                throw new IllegalArgumentException(
                        "unknown scheduler '" + name + "'; expected symphra, stpe or quartz");
        };
    }
}
