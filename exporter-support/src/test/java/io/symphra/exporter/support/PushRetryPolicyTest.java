package io.symphra.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PushRetryPolicyTest {

    private final PushRetryPolicy policy = new PushRetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theStepDoublesFromTheBackoffUpToTheCap() {
        assertThat(policy.step(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.step(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.step(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.step(5)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.step(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.step(1_000)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> policy.step(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWaitIsEqualJitterBetweenHalfTheStepAndTheStep() {
        SplittableRandom random = new SplittableRandom(18);
        for (int attempt = 2; attempt <= 8; attempt++) {
            Duration step = policy.step(attempt);
            Duration shortest = step;
            Duration longest = Duration.ZERO;
            for (int i = 0; i < 2_000; i++) {
                Duration wait = policy.waitBefore(attempt, Optional.empty(), random);
                assertThat(wait).isBetween(step.dividedBy(2), step);
                shortest = wait.compareTo(shortest) < 0 ? wait : shortest;
                longest = wait.compareTo(longest) > 0 ? wait : longest;
            }
            // Spread over the whole range, not stuck at one end.
            assertThat(shortest).isLessThan(step.multipliedBy(55).dividedBy(100));
            assertThat(longest).isGreaterThan(step.multipliedBy(95).dividedBy(100));
        }
        assertThat(policy.waitBefore(2, Optional.empty())).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void retryAfterIsUsedAsItIsUpToTheCap() {
        assertThat(policy.waitBefore(2, Optional.of(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.waitBefore(2, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
        assertThat(policy.waitBefore(2, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theLongestPushIsEveryAttemptTimingOutWithTheLongestWaits() {
        assertThat(new PushRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30))
                        .longestPush(Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofSeconds(3 * 5 + 2 * 30));
        assertThat(new PushRetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(30))
                        .longestPush(Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fromReadsTheUnifiedKeysWithTheirDefaults() {
        assertThat(PushRetryPolicy.from(ExporterConfig.of("json", Map.of())))
                .isEqualTo(new PushRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .isEqualTo(PushRetryPolicy.defaults());
        assertThat(PushRetryPolicy.from(ExporterConfig.of(
                        "json", Map.of("max-attempts", "5", "backoff", "250ms", "max-backoff", "2s"))))
                .isEqualTo(new PushRetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(2)));
        // An unset cap follows a backoff longer than the default cap.
        assertThat(PushRetryPolicy.from(ExporterConfig.of("json", Map.of("backoff", "1m")))
                        .maxBackoff())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fromNamesTheKeyOfABadValue() {
        assertThatThrownBy(() ->
                        PushRetryPolicy.from(ExporterConfig.of("influx", Map.of("backoff", "2s", "max-backoff", "1s"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("symphra.exporter.influx.max-backoff = '1s' (from configuration): must not be shorter"
                        + " than symphra.exporter.influx.backoff (PT2S)");
        assertThatThrownBy(() -> PushRetryPolicy.from(ExporterConfig.of("otlp", Map.of("max-attempts", "0"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.max-attempts")
                .hasMessageContaining("expected an integer from 1 to 100");
        assertThatThrownBy(() -> PushRetryPolicy.from(ExporterConfig.of("otlp", Map.of("backoff", "0ms"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("symphra.exporter.otlp.backoff");
    }

    @Test
    void aPolicyBuiltByHandIsChecked() {
        assertThatThrownBy(() -> new PushRetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new PushRetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> new PushRetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
    }
}
