package io.symphra.metrics.spi;

import io.symphra.metrics.snapshot.ExecutionOutcome;
import java.time.Instant;

/**
 * Optional for a {@link MetricsExporter}: an exporter that also implements this interface hears of every run as it
 * ends, for a backend that builds its own distribution from one observation per run (a Micrometer {@code Timer},
 * whose registry computes percentiles and SLO buckets) where the snapshot's histogram cannot serve.
 *
 * <p>What the scheduler promises:
 * <ul>
 *   <li>It calls each enabled exporter that implements this interface once for every run its metrics record, with
 *       the name and duration the snapshot's histogram counts, so that after N runs the observer has heard of exactly
 *       the N runs the snapshot shows. Calls begin when the scheduler is built, before {@link MetricsExporter#start}:
 *       an observer that needs what {@code start} gives ignores runs until then.</li>
 *   <li>It costs nothing per run when no enabled exporter implements it, nor when metrics are off (then no
 *       exporter runs at all).</li>
 *   <li>An observer that throws is logged, throttled, and does not break the run or the other observers.</li>
 * </ul>
 * Called on the worker thread that ended the run, possibly by many threads at once: it must be thread-safe, fast,
 * and must not block.
 */
public interface RunObserver {

    /**
     * A run ended and was counted.
     *
     * @param taskName      the name the run is counted under in the snapshots: the task's own, or
     *                      {@code _aggregated} for a task recorded with others
     * @param outcome       {@link ExecutionOutcome#SUCCESS}, {@link ExecutionOutcome#FAILURE} or
     *                      {@link ExecutionOutcome#TIMEOUT}
     * @param durationNanos the sum of its attempts' run times, as the snapshot's duration histogram counts it
     * @param periodStart   the metrics' start time when the run was counted ({@code MetricsSnapshot.startTime()}):
     *                      a later one than an observer has seen says that the metrics were reset, so that it
     *                      can start its own counts afresh before this run; a run that ends while a reset happens
     *                      may carry either start time
     */
    void runEnded(String taskName, ExecutionOutcome outcome, long durationNanos, Instant periodStart);
}
