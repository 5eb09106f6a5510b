package io.symphra.micrometer;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The meters of the scheduler as a whole, one row per value. Totals are not here: registries sum the tasks. */
final class SchedulerRows {

    static final List<MeterRow<MetricsSnapshot>> ROWS = List.of(MeterRow.timeGauge(
            MeterNames.METRICS_START,
            "When the counters started (scheduler start or last reset), since the epoch",
            TimeUnit.MILLISECONDS,
            s -> s.startTime().toEpochMilli()));

    private SchedulerRows() {}
}
