package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CronExpressionValueTest {

    @Test
    void toStringGivesBackTheExpressionExactly() {
        assertThat(CronExpression.parse("*/5 9-17 * * MON-FRI")).hasToString("*/5 9-17 * * MON-FRI");
        assertThat(CronExpression.parse("@daily")).hasToString("@daily");
        assertThat(CronExpression.parse(" 0  0 * * * ")).hasToString(" 0  0 * * * ");
    }

    @Test
    void equalWhenTheTextIsEqual() {
        CronExpression a = CronExpression.parse("0 12 * * *");
        CronExpression b = CronExpression.parse("0 12 * * *");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(CronExpression.parse("0 0 12 * * *"));
        assertThat(CronExpression.parse("@daily")).isNotEqualTo(CronExpression.parse("0 0 * * *"));
        assertThat(a).isNotEqualTo("0 12 * * *");
    }

    @Test
    void oneInstanceGivesTheSameAnswersToManyThreadsAtOnce() throws Exception {
        CronExpression cron = CronExpression.parse("*/7 */3 * * MON-FRI");
        ZonedDateTime start = ZonedDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        Callable<List<ZonedDateTime>> walk = () -> {
            List<ZonedDateTime> times = new ArrayList<>();
            ZonedDateTime time = start;
            for (int i = 0; i < 5_000; i++) {
                time = cron.next(time).orElseThrow();
                times.add(time);
            }
            return times;
        };
        List<ZonedDateTime> expected = walk.call();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ZonedDateTime>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(walk));
            }
            for (Future<List<ZonedDateTime>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
