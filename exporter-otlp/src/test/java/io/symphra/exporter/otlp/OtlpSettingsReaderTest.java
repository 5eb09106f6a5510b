package io.symphra.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.LayeredConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpSettingsReaderTest {

    @Test
    void defaultsFollowTheOtlpSpecification() {
        OtlpSettings s = read(Map.of(), Map.of());

        assertThat(s.protocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
        assertThat(s.endpoint()).isEqualTo(URI.create("http://localhost:4318/v1/metrics"));
        assertThat(s.headers()).isEmpty();
        assertThat(s.compression()).isEqualTo(Compression.NONE);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.temporality()).isEqualTo(Temporality.CUMULATIVE);
        // The retry policy of every HTTP exporter: 3 attempts (the SDK's policy made it 5), 1 s first wait, 30 s cap.
        assertThat(s.retry()).isEqualTo(PushRetryPolicy.defaults());
        assertThat(s.resource()).isEqualTo(new ResourceSettings(Map.of(), Optional.empty()));
    }

    @Test
    void symphraKeysAreRead() {
        OtlpSettings s = read(
                Map.of(
                        "endpoint",
                        "https://collector.example:4318/custom/path",
                        "headers",
                        "x-api-key=abc=def, x-tenant = acme",
                        "compression",
                        "GZIP",
                        "timeout",
                        "2500ms",
                        "temporality",
                        "delta",
                        "max-attempts",
                        "1",
                        "service-name",
                        "billing"),
                Map.of());

        assertThat(s.endpoint()).isEqualTo(URI.create("https://collector.example:4318/custom/path"));
        assertThat(s.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("x-api-key", "abc=def", "x-tenant", "acme"));
        assertThat(s.compression()).isEqualTo(Compression.GZIP);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.temporality()).isEqualTo(Temporality.DELTA);
        assertThat(s.retry().maxAttempts()).isEqualTo(1);
        assertThat(s.resource().serviceName()).contains("billing");
    }

    @Test
    void symphraKeysWinOverOtelVariablesAndSymphraVariablesToo() {
        Map<String, String> env = Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-generic:4318",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "3000",
                "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
                "OTEL_SERVICE_NAME", "from-otel",
                "SYMPHRA_EXPORTER_OTLP_TIMEOUT", "4s");
        OtlpSettings s = read(
                Map.of("endpoint", "http://own:9999/v1/metrics", "compression", "none", "service-name", "own"), env);

        assertThat(s.endpoint()).isEqualTo(URI.create("http://own:9999/v1/metrics"));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.compression()).isEqualTo(Compression.NONE);
        assertThat(s.resource().serviceName()).contains("own");
    }

    @ParameterizedTest
    @CsvSource({
        "http://collector:4318, http://collector:4318/v1/metrics",
        "http://collector:4318/, http://collector:4318/v1/metrics",
        "https://gateway.example/otlp, https://gateway.example/otlp/v1/metrics"
    })
    void theGenericEndpointGetsTheMetricsPathAppendedForHttp(String generic, String expected) {
        OtlpSettings s = read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", generic));

        assertThat(s.endpoint()).isEqualTo(URI.create(expected));
    }

    @Test
    void theSignalSpecificEndpointIsUsedAsItIsAndWinsOverTheGenericOne() {
        OtlpSettings s = read(
                Map.of(),
                Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://generic:4318",
                        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                        "http://specific:4318/ingest"));

        assertThat(s.endpoint()).isEqualTo(URI.create("http://specific:4318/ingest"));
    }

    @Test
    void metricsSpecificVariablesWinOverGenericOnes() {
        OtlpSettings s = read(
                Map.of(),
                Map.of(
                        "OTEL_EXPORTER_OTLP_HEADERS",
                        "a=generic",
                        "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
                        "b=specific",
                        "OTEL_EXPORTER_OTLP_TIMEOUT",
                        "1000",
                        "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT",
                        "2000",
                        "OTEL_EXPORTER_OTLP_COMPRESSION",
                        "none",
                        "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION",
                        "gzip"));

        assertThat(s.headers()).containsExactlyEntriesOf(Map.of("b", "specific"));
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(s.compression()).isEqualTo(Compression.GZIP);
    }

    @ParameterizedTest
    @CsvSource({"cumulative, CUMULATIVE", "delta, DELTA", "LowMemory, DELTA"})
    void theTemporalityPreferenceVariableIsHonoured(String preference, Temporality expected) {
        OtlpSettings s = read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", preference));

        assertThat(s.temporality()).isEqualTo(expected);
    }

    @Test
    void resourceAttributesArePercentDecoded() {
        OtlpSettings s = read(
                Map.of(),
                Map.of(
                        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, team=a%2Cb+c%3Dd,,",
                        "OTEL_SERVICE_NAME", " billing "));

        assertThat(s.resource().attributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("deployment.environment", "prod", "team", "a,b+c=d"));
        assertThat(s.resource().serviceName()).contains("billing");
    }

    @Test
    void grpcWithoutAGrpcSenderFailsNamingTheKeyAndWhatToAdd() {
        assertThatThrownBy(() -> read(Map.of("protocol", "grpc"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.protocol = 'grpc'")
                .hasMessageContaining("opentelemetry-exporter-sender-okhttp");
        assertThatThrownBy(() -> read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc' (from environment variable"
                        + " OTEL_EXPORTER_OTLP_PROTOCOL)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "protocol|http/json|symphra.exporter.otlp.protocol = 'http/json'|expected http/protobuf or grpc",
                "protocol|thrift|symphra.exporter.otlp.protocol = 'thrift'|expected http/protobuf or grpc",
                "endpoint|localhost:4318|symphra.exporter.otlp.endpoint = 'localhost:4318'|http:// or https://",
                "endpoint|ftp://collector/v1/metrics|symphra.exporter.otlp.endpoint = 'ftp://collector/v1/metrics'|URL",
                "endpoint|http://bad host/|symphra.exporter.otlp.endpoint = 'http://bad host/'|URL",
                "timeout|-5s|symphra.exporter.otlp.timeout = '-5s'|positive duration",
                "timeout|0s|symphra.exporter.otlp.timeout = '0s'|positive duration",
                "compression|brotli|symphra.exporter.otlp.compression = 'brotli'|[gzip, none]",
                "temporality|sometimes|symphra.exporter.otlp.temporality = 'sometimes'|[cumulative, delta]",
                "max-attempts|101|symphra.exporter.otlp.max-attempts = '101'|from 1 to 100",
                "backoff|0s|symphra.exporter.otlp.backoff = '0s'|positive duration"
            })
    void badSymphraValuesFailNamingKeyAndValue(String key, String value, String named, String reason) {
        assertThatThrownBy(() -> read(Map.of(key, value), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(named)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "OTEL_EXPORTER_OTLP_PROTOCOL|udp|expected http/protobuf or grpc",
                "OTEL_EXPORTER_OTLP_ENDPOINT|collector:4318|http:// or https://",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT|not a url|http:// or https://",
                "OTEL_EXPORTER_OTLP_TIMEOUT|-1|positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_TIMEOUT|10s|positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_TIMEOUT|٣٠٠٠|positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_TIMEOUT|+3000|positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_TIMEOUT|9223372036854775807|at most 8640000000000 (100000d)",
                "OTEL_EXPORTER_OTLP_TIMEOUT|8640000000001|at most 8640000000000 (100000d)",
                "OTEL_EXPORTER_OTLP_TIMEOUT|99999999999999999999|positive whole number of milliseconds",
                "OTEL_EXPORTER_OTLP_COMPRESSION|zstd|[gzip, none]",
                "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE|both|[cumulative, delta, lowmemory]",
                "OTEL_RESOURCE_ATTRIBUTES|team|has no '='",
                "OTEL_RESOURCE_ATTRIBUTES|=prod|empty key",
                "OTEL_RESOURCE_ATTRIBUTES|team=%zz|malformed %-escape"
            })
    void badOtelValuesFailNamingTheVariableAndValue(String variable, String value, String reason) {
        assertThatThrownBy(() -> read(Map.of(), Map.of(variable, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(variable + " = '" + value + "' (from environment variable " + variable + ")")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "x-api-key|expected entries written key=value",
                "x api key=topsecret|is not an HTTP token",
                "Host=topsecret.example|is set by the HTTP client",
                "x-api-key=top\u0001secret|control character",
                "x-api-key=topsecret \uD83D\uDE80|beyond ISO-8859-1"
            })
    void malformedHeadersFailWithoutShowingTheirValues(String headers, String reason) {
        assertThatThrownBy(() -> read(Map.of("headers", headers), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.headers = '******'")
                .hasMessageContaining(reason)
                .message()
                .doesNotContain("topsecret");
        assertThatThrownBy(() -> read(Map.of(), Map.of("OTEL_EXPORTER_OTLP_HEADERS", headers)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS = '******'")
                .hasMessageContaining(reason)
                .message()
                .doesNotContain("topsecret");
    }

    @Test
    void toStringShowsHeaderNamesButNeverValuesNorEndpointQuery() {
        // User info is refused when the settings are read (BadConfigurationTest), so only the query is left to hide.
        OtlpSettings s = read(
                Map.of(
                        "headers",
                        "authorization=Bearer topsecret",
                        "endpoint",
                        "https://collector.example/v1/metrics?token=query-secret#fragment-secret"),
                Map.of());

        assertThat(s.toString())
                .contains("authorization=******")
                .contains("https://collector.example/v1/metrics")
                .doesNotContain("topsecret")
                .doesNotContain("query-secret")
                .doesNotContain("fragment-secret");
    }

    static OtlpSettings read(Map<String, String> relative, Map<String, String> env) {
        return OtlpSettingsReader.read(config(relative, env));
    }

    static ExporterConfig config(Map<String, String> relative, Map<String, String> env) {
        Map<String, String> full = new HashMap<>();
        relative.forEach((k, v) -> full.put(ExporterConfig.PREFIX + "otlp." + k, v));
        return ExporterConfig.of(
                "otlp",
                LayeredConfigSource.builder()
                        .add("test", full)
                        .addEnvironment(env)
                        .build());
    }
}
