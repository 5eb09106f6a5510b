package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatCatalogTest {

    private final FormatCatalog catalog =
            new FormatCatalog(List.of(new PrometheusTextFormat(), new OpenMetricsTextFormat(), new TestJsonFormat()));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // what Prometheus 2.42 sends
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | openmetrics",
                "text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | prometheus",
                "application/openmetrics-text;version=0.0.1 | openmetrics",
                "application/openmetrics-text | openmetrics",
                "application/openmetrics-text;version=2.0.0 | prometheus",
                "*/* | prometheus",
                "text/* | prometheus",
                "text/plain | prometheus",
                "application/json | json",
                "application/json;q=0.9, text/plain;q=0.8 | json",
                "text/plain;q=0, */* | openmetrics",
                "image/png | prometheus",
                "'' | prometheus",
                "garbage;;; | prometheus"
            })
    void picksTheFormatTheAcceptHeaderWeighsHighest(String accept, String expected) {
        assertThat(catalog.negotiate(accept).name()).isEqualTo(expected);
    }

    @Test
    void anAbsentHeaderGetsTheTextFormat() {
        assertThat(catalog.negotiate(null).name()).isEqualTo("prometheus");
    }

    @Test
    void findsFormatsByName() {
        assertThat(catalog.byName("json")).get().isInstanceOf(TestJsonFormat.class);
        assertThat(catalog.byName("openmetrics")).get().isInstanceOf(OpenMetricsTextFormat.class);
        assertThat(catalog.byName("xml")).isEmpty();
    }
}
