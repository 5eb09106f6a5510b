package io.symphra.exporter.prometheus.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name extractor that the dashboard and alert tests rely on finds metrics and nothing else. */
class PromqlMetricNamesTest {

    @Test
    void findsTheMetricsAndSkipsFunctionsLabelsGroupingRangesAndVariables() {
        String expr = "histogram_quantile(0.95, sum by (task, le) (rate(a_bucket{job=~\"$job\", task=\"x{y}\"}"
                + "[$__rate_interval]))) / on (task) group_left (le) b offset 5m > bool 1e3 and sum(c) "
                + "without (stat) or time() - max(d[5m:1m]) unless up";
        assertThat(PromqlMetricNames.of(expr)).containsExactly("a_bucket", "b", "c", "d", "up");
    }

    @Test
    void namesWhatRateAndIncreaseAreTakenOf() {
        assertThat(PromqlMetricNames.counted("sum(rate(a_total[5m])) / increase( b [1h]) + irate(c{x=\"1\"}[1m])"))
                .containsExactly("a_total", "b", "c");
    }
}
