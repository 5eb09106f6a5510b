package io.symphra.scheduler.metrics;

import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.scheduler.internal.EpochNanos;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent traced run of each bucket of one task's duration histogram. A run with a trace id costs one small
 * object and one reference write into its bucket; a run without one never reaches here, so that a scheduler without
 * tracing pays nothing. The labels map is built only when a snapshot is taken.
 */
final class BucketExemplars {

    /** The label of an exemplar's trace id: the name OpenMetrics and Prometheus use. */
    static final String TRACE_ID = "trace_id";

    private final AtomicReferenceArray<Run> latest;

    BucketExemplars(int buckets) {
        this.latest = new AtomicReferenceArray<>(buckets);
    }

    /** A run of trace {@code traceId} took {@code durationNanos}, ended at {@code endEpochNanos}, in {@code bucket}. */
    void offer(int bucket, String traceId, long durationNanos, long endEpochNanos) {
        latest.setRelease(bucket, new Run(traceId, durationNanos, endEpochNanos));
    }

    /** {@code histogram} with the exemplars kept so far, or itself when there is none. */
    DurationHistogram attachTo(DurationHistogram histogram) {
        DurationHistogram.Exemplar[] found = null;
        for (int b = 0; b < latest.length(); b++) {
            Run run = latest.getAcquire(b);
            // A bucket emptied by a reset keeps no exemplar of the period before.
            if (run != null && histogram.bucketCount(b) > 0) {
                if (found == null) {
                    found = new DurationHistogram.Exemplar[latest.length()];
                }
                found[b] = new DurationHistogram.Exemplar(
                        run.durationNanos / 1e9,
                        EpochNanos.toInstant(run.endEpochNanos),
                        Map.of(TRACE_ID, run.traceId));
            }
        }
        return found == null ? histogram : histogram.withExemplars(found);
    }

    /** Forgets every exemplar: a reset started a new period. */
    void clear() {
        for (int b = 0; b < latest.length(); b++) {
            latest.setRelease(b, null);
        }
    }

    private record Run(String traceId, long durationNanos, long endEpochNanos) {}
}
