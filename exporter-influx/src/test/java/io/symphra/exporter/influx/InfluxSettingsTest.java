package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.metrics.config.ConfigSource;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.LayeredConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxSettingsTest {

    private static final String TOKEN = "tok-3f9a-secret-value";
    private static final String PASSWORD = "pa55-w0rd-secret";

    private static Map<String, String> v2(String... extra) {
        Map<String, String> values = new HashMap<>(Map.of("org", "acme", "bucket", "metrics"));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                values.remove(extra[i]);
            } else {
                values.put(extra[i], extra[i + 1]);
            }
        }
        return values;
    }

    private static InfluxSettings settings(Map<String, String> values) {
        return InfluxSettings.from(ExporterConfig.of("influx", values));
    }

    private static void assertInvalid(Map<String, String> values, String key, String shownValue, String reason) {
        assertThatThrownBy(() -> settings(values))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(
                        e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("symphra.exporter.influx." + key))
                .hasMessageContaining("symphra.exporter.influx." + key + " = " + shownValue)
                .hasMessageContaining(reason);
    }

    @Test
    void defaults() {
        InfluxSettings s = settings(v2());

        assertThat(s.url()).isEqualTo("http://localhost:8086");
        assertThat(s.api()).isEqualTo(InfluxSettings.Api.V2);
        assertThat(s.org()).isEqualTo("acme");
        assertThat(s.bucket()).isEqualTo("metrics");
        assertThat(s.credentials()).isNull();
        assertThat(s.precision()).isEqualTo(TimestampPrecision.NS);
        assertThat(s.batchSize()).isEqualTo(5000);
        assertThat(s.bufferLimit()).isEqualTo(100_000);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        // The retry policy every HTTP exporter shares; max-backoff was a 5 m cap on skipped pushes before.
        assertThat(s.retry()).isEqualTo(PushRetryPolicy.defaults());
    }

    @Test
    void readsEveryKey() {
        InfluxSettings s = settings(v2(
                "url",
                "https://influx.example:8443/base",
                "token",
                TOKEN,
                "precision",
                "ms",
                "batch-size",
                "100",
                "buffer-limit",
                "2000",
                "timeout",
                "2s",
                "max-attempts",
                "4",
                "backoff",
                "250ms",
                "max-backoff",
                "2m"));

        assertThat(s.url()).isEqualTo("https://influx.example:8443/base");
        assertThat(s.credentials().reveal()).isEqualTo(TOKEN);
        assertThat(s.precision()).isEqualTo(TimestampPrecision.MS);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.bufferLimit()).isEqualTo(2000);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.retry()).isEqualTo(new PushRetryPolicy(4, Duration.ofMillis(250), Duration.ofMinutes(2)));
    }

    @Test
    void readsEnvironmentVariables() {
        ConfigSource source = LayeredConfigSource.builder()
                .addEnvironment(Map.of(
                        "SYMPHRA_EXPORTER_INFLUX_URL", "http://db:8086",
                        "SYMPHRA_EXPORTER_INFLUX_ORG", "o",
                        "SYMPHRA_EXPORTER_INFLUX_BUCKET", "b",
                        "SYMPHRA_EXPORTER_INFLUX_BATCH_SIZE", "7",
                        "SYMPHRA_EXPORTER_INFLUX_TOKEN", TOKEN))
                .build();

        InfluxSettings s = InfluxSettings.from(ExporterConfig.of("influx", source));

        assertThat(s.url()).isEqualTo("http://db:8086");
        assertThat(s.batchSize()).isEqualTo(7);
        assertThat(s.credentials().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void influx18KeysWithApiV2BecomeTheCompatibilityBucketAndToken() {
        Map<String, String> keys = new java.util.HashMap<>(influx1());
        keys.put("api", "v2");
        InfluxSettings s = settings(keys);

        assertThat(s.api()).isEqualTo(InfluxSettings.Api.V1_COMPATIBILITY);
        assertThat(s.org()).isEqualTo("-");
        assertThat(s.bucket()).isEqualTo("telegraf/autogen");
        assertThat(s.credentials().reveal()).isEqualTo("writer:" + PASSWORD);
    }

    @Test
    void influx18WithoutRetentionPolicyOrCredentials() {
        InfluxSettings s = settings(Map.of("database", "telegraf", "api", "v2"));

        assertThat(s.bucket()).isEqualTo("telegraf/");
        assertThat(s.credentials()).isNull();
    }

    private static Map<String, String> influx1() {
        return Map.of(
                "database", "telegraf", "retention-policy", "autogen", "username", "writer", "password", PASSWORD);
    }

    @Test
    void theDatabaseImpliesTheV1WriteApi() {
        InfluxSettings s = settings(influx1());

        assertThat(s.api()).isEqualTo(InfluxSettings.Api.V1);
        assertThat(s.database()).isEqualTo("telegraf");
        assertThat(s.retentionPolicy()).isEqualTo("autogen");
        assertThat(s.org()).isNull();
        assertThat(s.credentials().reveal()).isEqualTo("writer:" + PASSWORD);
        assertThat(s.toString()).contains("api=V1", "database=telegraf").doesNotContain(PASSWORD);
    }

    @Test
    void theV1WriteUrlCarriesDatabaseRetentionPolicyAndInfluxDb1sPrecisionNames() {
        InfluxSettings s = settings(Map.of(
                "url", "http://db:8086/prefix", "database", "my db&x", "retention-policy", "a/b", "precision", "us"));

        assertThat(V1WriteSender.writeUrl(s))
                .hasToString("http://db:8086/prefix/write?db=my+db%26x&rp=a%2Fb&precision=u");
        assertThat(V1WriteSender.writeUrl(settings(Map.of("api", "v1", "database", "d"))))
                .hasToString("http://localhost:8086/write?db=d&precision=n");
    }

    @Test
    void aBadApiOrV1WithoutDatabaseFailsNamingTheKey() {
        assertInvalid(Map.of("api", "v3", "database", "d"), "api", "'v3'", "expected v1 (InfluxDB 1.x /write) or v2");
        assertInvalid(v2("api", "v1"), "database", "(missing)", "required with api=v1");
    }

    @Test
    void theBasicCredentialsAreScrubbedToo() {
        InfluxSettings v1 = settings(Map.of("database", "d", "username", "u", "password", PASSWORD));
        String basic = InfluxSettings.basic(v1.credentials());

        assertThat(v1.scrub("echo Basic " + basic)).isEqualTo("echo Basic ******");
    }

    @Test
    void malformedUrlFailsNamingKeyAndValue() {
        assertInvalid(v2("url", "not a url"), "url", "'not a url'", "http");
        assertInvalid(v2("url", "ftp://host/x"), "url", "'ftp://host/x'", "http");
        assertInvalid(v2("url", "http://host:8086/?org=x"), "url", "'http://host:8086/?org=x'", "without query");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> settings(v2("url", "http://admin:" + PASSWORD + "@host:8086")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.influx.url = 'http://******@host:8086'")
                .hasMessageContaining("credentials in the URL")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void missingOrgOrBucketFailsForInfluxDb2() {
        assertInvalid(v2("org", null), "org", "(missing)", "required for InfluxDB 2");
        assertInvalid(v2("bucket", null), "bucket", "(missing)", "required for InfluxDB 2");
    }

    @Test
    void batchSizeBelowOneFails() {
        assertInvalid(v2("batch-size", "0"), "batch-size", "'0'", "expected an integer from 1");
        assertInvalid(v2("batch-size", "many"), "batch-size", "'many'", "expected an integer from 1");
    }

    @Test
    void bufferLimitBelowOneFails() {
        assertInvalid(v2("buffer-limit", "-5"), "buffer-limit", "'-5'", "expected an integer from 1");
    }

    @Test
    void unknownPrecisionFailsListingTheChoices() {
        assertInvalid(v2("precision", "minutes"), "precision", "'minutes'", "expected one of [ns, us, ms, s]");
    }

    @Test
    void badDurationsFail() {
        assertInvalid(v2("timeout", "soon"), "timeout", "'soon'", "positive duration");
        assertInvalid(v2("max-backoff", "-1m"), "max-backoff", "'-1m'", "positive duration");
    }

    @Test
    void mixingInfluxDb2AndInfluxDb18KeysFails() {
        assertInvalid(v2("database", "db"), "org", "'acme'", "not both");
        assertInvalid(Map.of("database", "db", "token", TOKEN), "token", "'******'", "not both");
    }

    @Test
    void influx18KeysNeedADatabaseAndAUserForAPassword() {
        assertInvalid(Map.of("username", "u"), "database", "(missing)", "required with the InfluxDB 1.x keys");
        assertInvalid(
                Map.of("database", "db", "password", PASSWORD),
                "username",
                "(missing)",
                "required when password is set");
    }

    @Test
    void toStringNeverShowsSecrets() {
        InfluxSettings v2 = settings(v2("token", TOKEN));
        InfluxSettings v1 = settings(Map.of("database", "d", "username", "u", "password", PASSWORD));

        assertThat(v2.toString()).doesNotContain(TOKEN).contains("credentials=******");
        assertThat(v1.toString()).doesNotContain(PASSWORD).contains("credentials=******");
    }

    @Test
    void scrubRemovesEverySecretFromAText() {
        InfluxSettings v1 = settings(Map.of("database", "d", "username", "u", "password", PASSWORD));

        assertThat(v1.scrub("auth u:" + PASSWORD + " and " + PASSWORD)).isEqualTo("auth ****** and ******");
        assertThat(v1.scrub(null)).isEmpty();
    }
}
