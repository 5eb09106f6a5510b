package io.symphra.micrometer;

import io.micrometer.core.instrument.Tags;
import io.symphra.metrics.snapshot.DurationHistogram;
import io.symphra.metrics.snapshot.TaskStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The duration histogram as one cumulative counter per bucket, tagged {@code bound} with the bucket's upper bound in
 * seconds ({@code +Inf} for the last): the executions that took at most that long.
 *
 * <p>Why counters and not a Micrometer {@code Timer} with SLO boundaries: Micrometer has no function-based meter
 * with a histogram. {@code FunctionTimer} carries a count and a total only, and the registries build the
 * histogram of a {@code Timer} or {@code DistributionSummary} themselves from one {@code record()} per
 * observation, which would copy every run into Micrometer again and could only place it at its bucket's bound.
 * The counters read the collector's own buckets instead: each is the SLO count for its bound, and percentiles come
 * from them in the monitoring system (PromQL: {@code histogram_quantile} over their rates with the {@code bound}
 * tag copied to {@code le} by {@code label_replace}). The tag is not called {@code le} because Prometheus reserves
 * that label for histograms, and Micrometer can only render these counters as counters.
 */
final class HistogramRows {

    private HistogramRows() {}

    static List<MeterRow<TaskStats>> of(DurationHistogram histogram) {
        int buckets = histogram.bucketCount();
        List<MeterRow<TaskStats>> rows = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            int bucket = i;
            double upper = histogram.upperBound(i);
            String bound = Double.isInfinite(upper) ? "+Inf" : Double.toString(upper);
            rows.add(MeterRow.counter(
                    MeterNames.TASK_DURATION_WITHIN,
                    "Executions that took at most bound seconds",
                    Tags.of(MeterNames.TAG_BOUND, bound),
                    s -> cumulative(s.durations(), bucket)));
        }
        return rows;
    }

    /** A task whose histogram has other bounds than at registration (never within one scheduler) reads 0. */
    private static double cumulative(DurationHistogram histogram, int bucket) {
        return bucket < histogram.bucketCount() ? histogram.cumulativeCount(bucket) : 0;
    }
}
