package io.symphra.micrometer;

import io.micrometer.core.instrument.Tags;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.TaskStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The duration histogram as one cumulative counter per bucket, tagged {@code le} with the bucket's upper bound in
 * seconds ({@code +Inf} for the last), as Prometheus lays out a histogram's buckets.
 *
 * <p>Why counters and not a Micrometer {@code Timer} with SLO boundaries: Micrometer has no function-based meter
 * with a histogram. {@code FunctionTimer} carries a count and a total only, and the registries build the
 * histogram of a {@code Timer} or {@code DistributionSummary} themselves from one {@code record()} per
 * observation, which would copy every run into Micrometer again and could only place it at its bucket's bound.
 * The counters read the collector's own buckets: {@code histogram_quantile} over their rates gives percentiles in
 * Prometheus, and the bucket counts are the SLO counts for the configured bounds.
 */
final class HistogramRows {

    private HistogramRows() {}

    static List<MeterRow<TaskStats>> of(DurationHistogram histogram) {
        int buckets = histogram.bucketCount();
        List<MeterRow<TaskStats>> rows = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            int bucket = i;
            double bound = histogram.upperBound(i);
            String le = Double.isInfinite(bound) ? "+Inf" : Double.toString(bound);
            rows.add(MeterRow.counter(
                    MeterNames.TASK_DURATION_HISTOGRAM,
                    "Executions that took at most le seconds",
                    Tags.of(MeterNames.TAG_LE, le),
                    s -> cumulative(s.durations(), bucket)));
        }
        return rows;
    }

    /** A task whose histogram has other bounds than at registration (never within one scheduler) reads 0. */
    private static double cumulative(DurationHistogram histogram, int bucket) {
        return bucket < histogram.bucketCount() ? histogram.cumulativeCount(bucket) : 0;
    }
}
