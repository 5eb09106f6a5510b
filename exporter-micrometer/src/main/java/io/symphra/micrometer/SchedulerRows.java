package io.symphra.micrometer;

import io.symphra.metrics.snapshot.MetricsSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The meters of the scheduler as a whole, one row per value. Totals are not here: registries sum the tasks. */
final class SchedulerRows {

    static final List<MeterRow<MetricsSnapshot>> ROWS = List.of(
            MeterRow.timeGauge(
                    MeterNames.METRICS_START,
                    "When the counters started (scheduler start or last reset), since the epoch",
                    TimeUnit.MILLISECONDS,
                    s -> s.startTime().toEpochMilli()),
            MeterRow.gauge(
                    MeterNames.WORKERS_BUSY,
                    "Worker threads running a task now",
                    s -> s.scheduler().busyWorkers()),
            MeterRow.gauge(
                    MeterNames.FIRES_WAITING,
                    "Fires due and waiting for a worker",
                    s -> s.scheduler().waitingFires()));

    private SchedulerRows() {}
}
