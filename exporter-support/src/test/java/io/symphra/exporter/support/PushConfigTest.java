package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Headers, URLs, renamed keys, {@code Retry-After} and the status table: what exporters read before pushing. */
class PushConfigTest {

    @Test
    void headersComeBackAsSecretsInOrder() {
        Map<String, Secret> headers = PushHeaders.read(
                ExporterConfig.of("json", Map.of("push.headers", "Authorization=Bearer s3cr3t,X-Tenant=blue")),
                "push.headers");
        assertThat(headers.keySet()).containsExactly("Authorization", "X-Tenant");
        assertThat(headers.get("Authorization").reveal()).isEqualTo("Bearer s3cr3t");
        assertThat(headers.toString()).doesNotContain("s3cr3t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Content-Length", "Bad Name", "Conn\u0001"})
    void aHeaderNameTheJdkRefusesFailsNamingTheKey(String name) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put(name, "s3cr3t");
        assertThatThrownBy(() -> PushHeaders.check(raw, reason -> new InvalidConfigException("k", null, null, reason)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("header name")
                .hasMessageNotContaining("s3cr3t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t\u0001", "s3cr3t\u20ac", "s3\r\ncr3t"})
    void aHeaderValueTheJdkRefusesFailsWithoutShowingIt(String value) {
        assertThatThrownBy(() -> PushHeaders.check(
                        Map.of("Authorization", value), reason -> new InvalidConfigException("k", null, null, reason)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("the value of header 'Authorization'")
                .hasMessageNotContaining("s3");
    }

    @Test
    void aUrlWithCredentialsIsRefusedSayingWhereTheyGo() {
        ExporterConfig config = ExporterConfig.of("json", Map.of("push.url", "http://admin:hunter2@127.0.0.1:9/x"));
        assertThatThrownBy(() -> PushUrl.read(config, "push.url", "symphra.exporter.json.push.headers"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.json.push.url")
                .hasMessageContaining(
                        "credentials in the URL are not allowed: set them in" + " symphra.exporter.json.push.headers")
                .hasMessageNotContaining("hunter2");
        assertThat(PushUrl.read(ExporterConfig.of("json", Map.of("push.url", "http://127.0.0.1:9/x")), "push.url", ""))
                .contains(URI.create("http://127.0.0.1:9/x"));
        assertThat(PushUrl.read(ExporterConfig.of("json", Map.of()), "push.url", ""))
                .isEmpty();
    }

    @Test
    void messageTextEscapesControlCharactersAndStaysShort() {
        assertThat(MessageText.printable("x-api\u0001key\n")).isEqualTo("x-api\\u0001key\\u000a");
        assertThat(MessageText.printable("k".repeat(500))).hasSize(MessageText.MAX_CHARS);
    }

    @Test
    void aRenamedKeyFailsNamingTheNewOne() {
        ExporterConfig config = ExporterConfig.of("json", Map.of("push.timeout", "5s"));
        assertThatThrownBy(() -> RenamedKeys.reject(config, Map.of("push.timeout", "timeout")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(
                        "symphra.exporter.json.push.timeout = '5s' (from configuration): renamed: use symphra.exporter.json.timeout");
        RenamedKeys.reject(ExporterConfig.of("json", Map.of("timeout", "5s")), Map.of("push.timeout", "timeout"));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:07 GMT", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("99999999999999999999999", clock))
                .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(36500)));
        assertThat(RetryAfter.parse("soon", clock)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("-5", clock)).isEmpty();
    }

    @Test
    void theStatusTable() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertThat(PushOutcome.ofStatus(status)).as("%d", status).isEqualTo(PushOutcome.DELIVERED);
        }
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(PushOutcome.ofStatus(status)).as("%d", status).isEqualTo(PushOutcome.RETRYABLE);
        }
        for (int status : new int[] {401, 403}) {
            assertThat(PushOutcome.ofStatus(status)).as("%d", status).isEqualTo(PushOutcome.CONFIGURATION_ERROR);
        }
        for (int status : new int[] {100, 301, 302, 400, 404, 409, 413, 501, 505, 507, 511}) {
            assertThat(PushOutcome.ofStatus(status)).as("%d", status).isEqualTo(PushOutcome.REJECTED);
        }
        assertThat(PushOutcome.ofFailure(new java.net.http.HttpTimeoutException("t")))
                .isEqualTo(PushOutcome.RETRYABLE);
        assertThat(PushOutcome.ofFailure(new java.net.ConnectException())).isEqualTo(PushOutcome.RETRYABLE);
        assertThat(PushOutcome.ofFailure(new javax.net.ssl.SSLHandshakeException("bad certificate")))
                .isEqualTo(PushOutcome.REJECTED);
        assertThat(PushOutcome.ofFailure(new IllegalStateException())).isEqualTo(PushOutcome.REJECTED);
    }
}
