package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Guards against a search that steps through time: a scheduler with 10,000 cron tasks calls
 * {@code next} once per fire. The bound is a hundred times what the field-by-field search needs, so it only
 * trips on a change of algorithm, not on a busy machine.
 */
class CronSpeedTest {

    @Test
    void tenThousandExpressionsTenFireTimesEachIsQuick() {
        Random random = new Random(7L);
        RandomCronGenerator generator = new RandomCronGenerator(random);
        List<CronExpression> expressions = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            expressions.add(CronExpression.parse(generator.next().ours()));
        }
        expressions.add(CronExpression.parse("0 0 30 2 *")); // never fires: the whole bounded search
        expressions.add(CronExpression.parse("0 0 29 2 *")); // every four years, eight around 2100
        ZonedDateTime start = ZonedDateTime.of(2096, 3, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));

        int fired = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int count = 0;
            for (CronExpression expression : expressions) {
                ZonedDateTime time = start;
                for (int i = 0; i < 10; i++) {
                    ZonedDateTime next = expression.next(time).orElse(null);
                    if (next == null) {
                        break;
                    }
                    assertThat(next).isAfter(time);
                    time = next;
                    count++;
                }
            }
            return count;
        });

        assertThat(fired).isGreaterThan(90_000);
    }
}
