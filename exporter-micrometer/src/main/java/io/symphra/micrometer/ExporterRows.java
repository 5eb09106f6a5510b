package io.symphra.micrometer;

import io.micrometer.core.instrument.Tags;
import io.symphra.metrics.snapshot.ExporterStats;
import java.util.List;

/** The meters of one push exporter's own health, one row per value of {@link ExporterStats}. */
final class ExporterRows {

    private static final String PUSHES = "Pushes of the exporter, by outcome";

    static final List<MeterRow<ExporterStats>> ROWS = List.of(
            MeterRow.counter(
                    MeterNames.EXPORTER_PUSHES,
                    PUSHES,
                    Tags.of(MeterNames.TAG_OUTCOME, "success"),
                    ExporterStats::exports),
            MeterRow.counter(
                    MeterNames.EXPORTER_PUSHES,
                    PUSHES,
                    Tags.of(MeterNames.TAG_OUTCOME, "failure"),
                    ExporterStats::failures),
            MeterRow.counter(
                    MeterNames.EXPORTER_PUSHES,
                    PUSHES,
                    Tags.of(MeterNames.TAG_OUTCOME, "skipped"),
                    ExporterStats::skipped));

    private ExporterRows() {}
}
