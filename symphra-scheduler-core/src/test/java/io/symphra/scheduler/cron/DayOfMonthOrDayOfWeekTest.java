package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When both day fields are restricted, a day matches when it matches either one (Vixie cron's OR), unlike
 * Spring and Quartz, which require both. Expected days were read off the 2024 calendar by hand.
 */
class DayOfMonthOrDayOfWeekTest {

    @Test
    void thirteenthOrFridayFiresOnEitherNotOnlyOnFridayThe13th() {
        // September 2024: Fridays 6, 13, 20, 27; October 2024: Fridays 4, 11, 18, 25, and Sunday the 13th.
        // Spring's AND would give only Friday the 13ths: 2024-09-13, then 2024-12-13.
        assertThat(days("0 0 13 * FRI", LocalDate.of(2024, 9, 1), 9))
                .containsExactly(
                        LocalDate.of(2024, 9, 6),
                        LocalDate.of(2024, 9, 13),
                        LocalDate.of(2024, 9, 20),
                        LocalDate.of(2024, 9, 27),
                        LocalDate.of(2024, 10, 4),
                        LocalDate.of(2024, 10, 11),
                        LocalDate.of(2024, 10, 13),
                        LocalDate.of(2024, 10, 18),
                        LocalDate.of(2024, 10, 25));
    }

    @Test
    void firstOfMonthOrMonday() {
        // 2024-06-01 is a Saturday; Mondays in June are 3, 10, 17, 24; 2024-07-01 is a Monday.
        assertThat(days("0 0 1 * MON", LocalDate.of(2024, 5, 31), 7))
                .containsExactly(
                        LocalDate.of(2024, 6, 1),
                        LocalDate.of(2024, 6, 3),
                        LocalDate.of(2024, 6, 10),
                        LocalDate.of(2024, 6, 17),
                        LocalDate.of(2024, 6, 24),
                        LocalDate.of(2024, 7, 1),
                        LocalDate.of(2024, 7, 8));
    }

    @Test
    void stepInDayOfMonthCountsAsRestricted() {
        // */2 is odd days; with MON it is odd days or Mondays (January 2024 Mondays: 1, 8, 15, 22, 29).
        assertThat(days("0 0 */2 * MON", LocalDate.of(2023, 12, 31), 18))
                .containsExactly(
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 1, 3),
                        LocalDate.of(2024, 1, 5),
                        LocalDate.of(2024, 1, 7),
                        LocalDate.of(2024, 1, 8),
                        LocalDate.of(2024, 1, 9),
                        LocalDate.of(2024, 1, 11),
                        LocalDate.of(2024, 1, 13),
                        LocalDate.of(2024, 1, 15),
                        LocalDate.of(2024, 1, 17),
                        LocalDate.of(2024, 1, 19),
                        LocalDate.of(2024, 1, 21),
                        LocalDate.of(2024, 1, 22),
                        LocalDate.of(2024, 1, 23),
                        LocalDate.of(2024, 1, 25),
                        LocalDate.of(2024, 1, 27),
                        LocalDate.of(2024, 1, 29),
                        LocalDate.of(2024, 1, 31));
    }

    @Test
    void lastDayOrLastFridayCombineSpecialsWithOr() {
        // February 2024: last Friday is the 23rd, last day the 29th.
        assertThat(days("0 0 L * 5L", LocalDate.of(2024, 2, 1), 2))
                .containsExactly(LocalDate.of(2024, 2, 23), LocalDate.of(2024, 2, 29));
    }

    @Test
    void starOrQuestionMarkLeavesTheOtherFieldAlone() {
        List<LocalDate> mondays =
                List.of(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 22));
        assertThat(days("0 0 * * MON", LocalDate.of(2024, 1, 1), 3)).isEqualTo(mondays);
        assertThat(days("0 0 ? * MON", LocalDate.of(2024, 1, 1), 3)).isEqualTo(mondays);

        List<LocalDate> fifteenths =
                List.of(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 15), LocalDate.of(2024, 3, 15));
        assertThat(days("0 0 15 * *", LocalDate.of(2024, 1, 1), 3)).isEqualTo(fifteenths);
        assertThat(days("0 0 15 * ?", LocalDate.of(2024, 1, 1), 3)).isEqualTo(fifteenths);
    }

    @Test
    void february29thOrMondayFiresEveryMondayOfFebruaryToo() {
        // Spring's AND would wait for a Monday the 29th of February (2044). February 2025 Mondays: 3, 10, 17, 24.
        assertThat(days("0 0 29 2 MON", LocalDate.of(2024, 3, 1), 5))
                .containsExactly(
                        LocalDate.of(2025, 2, 3),
                        LocalDate.of(2025, 2, 10),
                        LocalDate.of(2025, 2, 17),
                        LocalDate.of(2025, 2, 24),
                        LocalDate.of(2026, 2, 2));
    }

    private static List<LocalDate> days(String expression, LocalDate after, int count) {
        CronExpression cron = CronExpression.parse(expression);
        ZonedDateTime time = LocalDateTime.of(after, LocalTime.NOON).atZone(ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            time = cron.next(time).orElseThrow();
            days.add(time.toLocalDate());
        }
        return days;
    }
}
