package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Runs pushes that all fail when attempted, and records at which pushes an attempt happened. */
    private static List<Integer> attemptsOverPushes(Backoff backoff, int pushes) {
        List<Integer> attempts = new ArrayList<>();
        for (int push = 1; push <= pushes; push++) {
            if (!backoff.skipThisPush()) {
                attempts.add(push);
                backoff.failed();
            }
        }
        return attempts;
    }

    @Test
    void attemptsDoubleTheirDistanceWhileTheServerFails() {
        assertThat(attemptsOverPushes(new Backoff(100), 40)).containsExactly(1, 2, 4, 8, 16, 32);
    }

    @Test
    void theDistanceIsCapped() {
        assertThat(attemptsOverPushes(new Backoff(3), 20)).containsExactly(1, 2, 4, 8, 12, 16, 20);
        assertThat(attemptsOverPushes(new Backoff(0), 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aSuccessResetsIt() {
        Backoff backoff = new Backoff(100);
        backoff.failed();
        backoff.failed();
        assertThat(backoff.failing()).isTrue();

        backoff.succeeded();

        assertThat(backoff.failing()).isFalse();
        assertThat(backoff.skipThisPush()).isFalse();
    }
}
