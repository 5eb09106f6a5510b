package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each syntax element against next fire times worked out by hand from the calendar (all in UTC). */
class CronSyntaxTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    /** 2024-01-10 is a Wednesday. */
    private static final String WEDNESDAY = "2024-01-10T10:15:30";

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *              | 2024-01-10T10:15:30 | 2024-01-10T10:16:00
            */15 * * * *           | 2024-01-10T10:15:30 | 2024-01-10T10:30:00
            5/10 * * * *           | 2024-01-10T10:15:30 | 2024-01-10T10:25:00
            10-40/5 * * * *        | 2024-01-10T10:15:30 | 2024-01-10T10:20:00
            10-40/5 * * * *        | 2024-01-10T10:41:00 | 2024-01-10T11:10:00
            0 9-17/4 * * *         | 2024-01-10T10:15:30 | 2024-01-10T13:00:00
            0,30 8,20 * * *        | 2024-01-10T10:15:30 | 2024-01-10T20:00:00
            */90 * * * *           | 2024-01-10T10:15:30 | 2024-01-10T11:00:00
            0 12 * * MON,WED,FRI   | 2024-01-10T10:15:30 | 2024-01-10T12:00:00
            0 12 * * 1-5           | 2024-01-12T13:00:00 | 2024-01-15T12:00:00
            0 0 * * 0              | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            0 0 * * 7              | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            0 0 * * SUN            | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            0 0 * * fri            | 2024-01-10T10:15:30 | 2024-01-12T00:00:00
            0 0 * * Sat-Sun        | 2024-01-10T10:15:30 | 2024-01-13T00:00:00
            0 0 * * SAT-SUN        | 2024-01-13T00:00:00 | 2024-01-14T00:00:00
            0 0 * * 5-7            | 2024-01-13T00:00:00 | 2024-01-14T00:00:00
            0 0 * * 1/2            | 2024-01-10T10:15:30 | 2024-01-12T00:00:00
            0 0 * * */2            | 2024-01-10T10:15:30 | 2024-01-11T00:00:00
            0 0 1 JAN-MAR/2 *      | 2024-01-10T10:15:30 | 2024-03-01T00:00:00
            0 0 1 jun *            | 2024-01-10T10:15:30 | 2024-06-01T00:00:00
            0 0 1 */5 *            | 2024-01-10T10:15:30 | 2024-06-01T00:00:00
            0 0 ? * MON            | 2024-01-10T10:15:30 | 2024-01-15T00:00:00
            0 0 15 * ?             | 2024-01-10T10:15:30 | 2024-01-15T00:00:00
            30 * * * * *           | 2024-01-10T10:15:30 | 2024-01-10T10:16:30
            */20 * * * * *         | 2024-01-10T10:15:30 | 2024-01-10T10:15:40
            0 0 0 1 1 *            | 2024-01-10T10:15:30 | 2025-01-01T00:00:00
            0 0 L * *              | 2024-02-10T00:00:00 | 2024-02-29T00:00:00
            0 0 L * *              | 2023-02-10T00:00:00 | 2023-02-28T00:00:00
            0 0 L-3 * *            | 2024-02-01T00:00:00 | 2024-02-26T00:00:00
            0 0 L-30 * *           | 2024-02-01T00:00:00 | 2024-03-01T00:00:00
            0 0 1,15,L * *         | 2024-01-16T00:00:00 | 2024-01-31T00:00:00
            0 0 15W * *            | 2024-06-01T00:00:00 | 2024-06-14T00:00:00
            0 0 15W * *            | 2024-09-01T00:00:00 | 2024-09-16T00:00:00
            0 0 1W * *             | 2024-05-31T00:00:00 | 2024-06-03T00:00:00
            0 0 31W * *            | 2024-04-01T00:00:00 | 2024-05-31T00:00:00
            0 0 31W * *            | 2020-05-01T00:00:00 | 2020-05-29T00:00:00
            0 0 L-28 * *           | 2027-01-19T00:00:00 | 2027-03-03T00:00:00
            0 0 * * 7-7            | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            0 0 * * SUN-SUN        | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            0 0 * * MON-SUN        | 2024-01-13T00:00:00 | 2024-01-14T00:00:00
            0 0 LW * *             | 2024-08-01T00:00:00 | 2024-08-30T00:00:00
            0 0 LW * *             | 2024-03-01T00:00:00 | 2024-03-29T00:00:00
            0 0 lw * *             | 2024-08-01T00:00:00 | 2024-08-30T00:00:00
            0 0 l-3 * *            | 2024-02-01T00:00:00 | 2024-02-26T00:00:00
            0 0 15w * *            | 2024-06-01T00:00:00 | 2024-06-14T00:00:00
            0 0 * * fri#2          | 2024-01-01T00:00:00 | 2024-01-12T00:00:00
            0 0 * * fril           | 2024-01-10T10:15:30 | 2024-01-26T00:00:00
            0 0 * * 5L             | 2024-01-10T10:15:30 | 2024-01-26T00:00:00
            0 0 * * FRIL           | 2024-01-10T10:15:30 | 2024-01-26T00:00:00
            0 0 * * 0L             | 2024-03-01T00:00:00 | 2024-03-31T00:00:00
            0 0 * * MON#2          | 2024-01-01T00:00:00 | 2024-01-08T00:00:00
            0 0 * * 1#2            | 2024-01-01T00:00:00 | 2024-01-08T00:00:00
            0 0 * * 7#1            | 2024-01-01T00:00:00 | 2024-01-07T00:00:00
            0 0 * * 1#5            | 2024-02-01T00:00:00 | 2024-04-29T00:00:00
            0 0 29 2 *             | 2024-03-01T00:00:00 | 2028-02-29T00:00:00
            0 0 29 2 *             | 2097-01-01T00:00:00 | 2104-02-29T00:00:00
            @yearly                | 2024-01-10T10:15:30 | 2025-01-01T00:00:00
            @annually              | 2024-01-10T10:15:30 | 2025-01-01T00:00:00
            @monthly               | 2024-01-10T10:15:30 | 2024-02-01T00:00:00
            @weekly                | 2024-01-10T10:15:30 | 2024-01-14T00:00:00
            @daily                 | 2024-01-10T10:15:30 | 2024-01-11T00:00:00
            @midnight              | 2024-01-10T10:15:30 | 2024-01-11T00:00:00
            @HOURLY                | 2024-01-10T10:15:30 | 2024-01-10T11:00:00
            """)
    void nextFireTime(String expression, LocalDateTime after, LocalDateTime expected) {
        assertThat(CronExpression.parse(expression).next(after.atZone(UTC))).contains(expected.atZone(UTC));
    }

    @ParameterizedTest(name = "{0} never fires")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 30 2 *
            0 0 31 4,6,9,11 *
            0 0 30W 2 *
            0 0 0 31 FEB ?
            """)
    void expressionThatCanNeverFireGivesEmpty(String expression) {
        assertThat(CronExpression.parse(expression).next(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, UTC)))
                .isEmpty();
    }

    @Test
    void nextIsStrictlyAfterTheGivenTime() {
        CronExpression everyHalfHour = CronExpression.parse("*/30 * * * *");
        ZonedDateTime fireTime = LocalDateTime.parse("2024-01-10T10:30:00").atZone(UTC);

        assertThat(everyHalfHour.next(fireTime)).contains(fireTime.plusMinutes(30));
        assertThat(everyHalfHour.next(fireTime.minusNanos(1))).contains(fireTime);
    }

    @Test
    void resultIsInTheZoneOfTheGivenTime() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        ZonedDateTime after = LocalDateTime.parse(WEDNESDAY).atZone(kolkata);

        ZonedDateTime next = CronExpression.parse("0 9 * * *").next(after).orElseThrow();

        assertThat(next.getZone()).isEqualTo(kolkata);
        assertThat(next.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-01-11T09:00:00"));
    }

    @Test
    void fiveFieldsAreSixFieldsWithSecondZero() {
        ZonedDateTime after = LocalDateTime.parse(WEDNESDAY).atZone(UTC);
        List<ZonedDateTime> five = fireTimes("*/7 3-17 * * MON-FRI", after, 200);
        List<ZonedDateTime> six = fireTimes("0 */7 3-17 * * MON-FRI", after, 200);

        assertThat(five).isEqualTo(six).hasSize(200);
    }

    @Test
    void whitespaceBetweenFieldsMayBeAnyRun() {
        ZonedDateTime after = LocalDateTime.parse(WEDNESDAY).atZone(UTC);

        assertThat(CronExpression.parse("  0\t12 *  * \t*  ").next(after))
                .contains(LocalDateTime.parse("2024-01-10T12:00:00").atZone(UTC));
    }

    private static List<ZonedDateTime> fireTimes(String expression, ZonedDateTime after, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime time = after;
        for (int i = 0; i < count; i++) {
            time = cron.next(time).orElseThrow();
            times.add(time);
        }
        return times;
    }
}
