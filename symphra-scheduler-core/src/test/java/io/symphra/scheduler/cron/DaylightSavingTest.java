package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The daylight-saving rule. Transitions used:
 * <ul>
 *   <li>Europe/Berlin 2024-03-31 02:00 CET -> 03:00 CEST (gap), 2024-10-27 03:00 CEST -> 02:00 CET (overlap);</li>
 *   <li>America/New_York 2024-03-10 02:00 EST -> 03:00 EDT (gap), 2024-11-03 02:00 EDT -> 01:00 EST (overlap);</li>
 *   <li>Australia/Lord_Howe 2024-04-07 02:00 -> 01:30 (overlap), 2024-10-06 02:00 -> 02:30 (gap).</li>
 * </ul>
 */
class DaylightSavingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    @Test
    void berlinTimeInSpringForwardGapFiresOnceWhenTheGapEnds() {
        assertThat(fireTimes("30 2 * * *", at(BERLIN, "2024-03-30T12:00+01:00"), 3))
                .containsExactly(
                        OffsetDateTime.parse("2024-03-31T03:00+02:00"),
                        OffsetDateTime.parse("2024-04-01T02:30+02:00"),
                        OffsetDateTime.parse("2024-04-02T02:30+02:00"));
    }

    @Test
    void newYorkTimeInSpringForwardGapFiresOnceWhenTheGapEnds() {
        assertThat(fireTimes("30 2 * * *", at(NEW_YORK, "2024-03-09T12:00-05:00"), 3))
                .containsExactly(
                        OffsetDateTime.parse("2024-03-10T03:00-04:00"),
                        OffsetDateTime.parse("2024-03-11T02:30-04:00"),
                        OffsetDateTime.parse("2024-03-12T02:30-04:00"));
    }

    @Test
    void severalTimesInOneGapFireOnceTogether() {
        // 02:00, 02:20, 02:40 are all skipped; they fire once, at 03:00 CEST
        assertThat(fireTimes("*/20 2 * * *", at(BERLIN, "2024-03-30T23:00+01:00"), 4))
                .containsExactly(
                        OffsetDateTime.parse("2024-03-31T03:00+02:00"),
                        OffsetDateTime.parse("2024-04-01T02:00+02:00"),
                        OffsetDateTime.parse("2024-04-01T02:20+02:00"),
                        OffsetDateTime.parse("2024-04-01T02:40+02:00"));
    }

    @Test
    void timeInGapAndTimeAtGapEndFireOnce() {
        // 02:00 and 02:30 map to 03:00 CEST, which is itself a match: one fire at 03:00, then 03:30
        assertThat(fireTimes("0,30 2-3 * * *", at(BERLIN, "2024-03-31T00:00+01:00"), 3))
                .containsExactly(
                        OffsetDateTime.parse("2024-03-31T03:00+02:00"),
                        OffsetDateTime.parse("2024-03-31T03:30+02:00"),
                        OffsetDateTime.parse("2024-04-01T02:00+02:00"));
    }

    @Test
    void berlinTimeInRepeatedHourFiresOnceAtFirstOccurrence() {
        assertThat(fireTimes("30 2 * * *", at(BERLIN, "2024-10-26T12:00+02:00"), 3))
                .containsExactly(
                        OffsetDateTime.parse("2024-10-27T02:30+02:00"),
                        OffsetDateTime.parse("2024-10-28T02:30+01:00"),
                        OffsetDateTime.parse("2024-10-29T02:30+01:00"));
    }

    @Test
    void newYorkTimeInRepeatedHourFiresOnceAtFirstOccurrence() {
        // New York repeats 01:00-01:59
        assertThat(fireTimes("30 1 * * *", at(NEW_YORK, "2024-11-02T12:00-04:00"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-11-03T01:30-04:00"), OffsetDateTime.parse("2024-11-04T01:30-05:00"));
        assertThat(fireTimes("30 2 * * *", at(NEW_YORK, "2024-11-02T12:00-04:00"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-11-03T02:30-05:00"), OffsetDateTime.parse("2024-11-04T02:30-05:00"));
    }

    @Test
    void fromInsideTheSecondPassTheRepeatedTimeDoesNotFireAgain() {
        assertThat(fireTimes("30 2 * * *", at(BERLIN, "2024-10-27T02:10+01:00"), 1))
                .containsExactly(OffsetDateTime.parse("2024-10-28T02:30+01:00"));
        assertThat(fireTimes("30 2 * * *", at(BERLIN, "2024-10-27T02:40+02:00"), 1))
                .containsExactly(OffsetDateTime.parse("2024-10-28T02:30+01:00"));
    }

    @Test
    void restrictedHourRunsOnlyTheFirstPassOfTheRepeatedHour() {
        List<OffsetDateTime> times = fireTimes("*/30 2 * * *", at(BERLIN, "2024-10-27T00:00+02:00"), 3);
        assertThat(times)
                .containsExactly(
                        OffsetDateTime.parse("2024-10-27T02:00+02:00"),
                        OffsetDateTime.parse("2024-10-27T02:30+02:00"),
                        OffsetDateTime.parse("2024-10-28T02:00+01:00"));
    }

    @Test
    void hourlyFiresInBothPassesOfTheRepeatedHour() {
        assertThat(fireTimes("0 * * * *", at(BERLIN, "2024-10-27T00:30+02:00"), 4))
                .containsExactly(
                        OffsetDateTime.parse("2024-10-27T01:00+02:00"),
                        OffsetDateTime.parse("2024-10-27T02:00+02:00"),
                        OffsetDateTime.parse("2024-10-27T02:00+01:00"),
                        OffsetDateTime.parse("2024-10-27T03:00+01:00"));
    }

    @Test
    void fromInsideTheSecondPassHourlyContinuesInTheSecondPass() {
        assertThat(fireTimes("*/15 * * * *", at(BERLIN, "2024-10-27T02:10+01:00"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-10-27T02:15+01:00"), OffsetDateTime.parse("2024-10-27T02:30+01:00"));
        assertThat(fireTimes("*/15 * * * *", at(BERLIN, "2024-10-27T02:50+02:00"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-10-27T02:00+01:00"), OffsetDateTime.parse("2024-10-27T02:15+01:00"));
    }

    /**
     * Every real minute (or quarter hour) is a valid fire time through both transitions, so consecutive fire
     * times are exactly one period apart: no duplicate, nothing missed, strictly increasing.
     */
    @ParameterizedTest(name = "{0} in {1} from {2}")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *      | Europe/Berlin       | 2024-03-31T00:00+01:00 | 240  | PT1M
            * * * * *      | Europe/Berlin       | 2024-10-27T00:00+02:00 | 240  | PT1M
            */15 * * * *   | Europe/Berlin       | 2024-03-31T00:00+01:00 | 16   | PT15M
            */15 * * * *   | Europe/Berlin       | 2024-10-27T00:00+02:00 | 16   | PT15M
            * * * * *      | America/New_York    | 2024-03-10T00:00-05:00 | 240  | PT1M
            * * * * *      | America/New_York    | 2024-11-03T00:00-04:00 | 240  | PT1M
            */15 * * * *   | America/New_York    | 2024-03-10T00:00-05:00 | 16   | PT15M
            */15 * * * *   | America/New_York    | 2024-11-03T00:00-04:00 | 16   | PT15M
            * * * * *      | Australia/Lord_Howe | 2024-04-07T00:00+11:00 | 240  | PT1M
            * * * * *      | Australia/Lord_Howe | 2024-10-06T00:00+10:30 | 240  | PT1M
            */15 * * * *   | Australia/Lord_Howe | 2024-04-07T00:00+11:00 | 16   | PT15M
            */15 * * * *   | Australia/Lord_Howe | 2024-10-06T00:00+10:30 | 16   | PT15M
            */5 * * * *    | Europe/Berlin       | 2024-03-31T00:00+01:00 | 48   | PT5M
            */30 * * * *   | America/New_York    | 2024-11-03T00:00-04:00 | 8    | PT30M
            * * * * * *    | Europe/Berlin       | 2024-03-31T01:59+01:00 | 7200 | PT1S
            * * * * * *    | Europe/Berlin       | 2024-10-27T02:59+02:00 | 7200 | PT1S
            """)
    void periodicScheduleKeepsItsRhythmAcrossTransitions(
            String expression, ZoneId zone, String from, int count, Duration period) {
        List<OffsetDateTime> times = fireTimes(expression, at(zone, from), count);

        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)))
                    .as("between %s and %s", times.get(i - 1), times.get(i))
                    .isEqualTo(period);
        }
        assertThat(Duration.between(times.get(0), times.get(times.size() - 1)))
                .isEqualTo(period.multipliedBy(count - 1));
    }

    @Test
    void lordHoweHalfHourGapFiresWhenItEnds() {
        // 2024-10-06 02:00 +10:30 -> 02:30 +11:00
        assertThat(fireTimes("15 2 * * *", at(LORD_HOWE, "2024-10-05T12:00+10:30"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-10-06T02:30+11:00"), OffsetDateTime.parse("2024-10-07T02:15+11:00"));
    }

    @Test
    void lordHoweHalfHourOverlapFiresOnceForAFixedTime() {
        // 2024-04-07 02:00 +11:00 -> 01:30 +10:30: 01:45 happens twice
        assertThat(fireTimes("45 1 * * *", at(LORD_HOWE, "2024-04-06T12:00+11:00"), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-04-07T01:45+11:00"), OffsetDateTime.parse("2024-04-08T01:45+10:30"));
    }

    @Test
    void fixedOffsetZoneHasNoTransitions() {
        ZoneId plusTwo = ZoneOffset.ofHours(2);
        assertThat(fireTimes("30 2 * * *", ZonedDateTime.of(2024, 3, 30, 12, 0, 0, 0, plusTwo), 2))
                .containsExactly(
                        OffsetDateTime.parse("2024-03-31T02:30+02:00"), OffsetDateTime.parse("2024-04-01T02:30+02:00"));
    }

    private static ZonedDateTime at(ZoneId zone, String offsetDateTime) {
        OffsetDateTime time = OffsetDateTime.parse(offsetDateTime);
        return ZonedDateTime.ofStrict(time.toLocalDateTime(), time.getOffset(), zone);
    }

    private static List<OffsetDateTime> fireTimes(String expression, ZonedDateTime after, int count) {
        CronExpression cron = CronExpression.parse(expression);
        List<OffsetDateTime> times = new ArrayList<>();
        ZonedDateTime time = after;
        for (int i = 0; i < count; i++) {
            time = cron.next(time).orElseThrow();
            assertThat(time.getZone()).isEqualTo(after.getZone());
            times.add(time.toOffsetDateTime());
        }
        return times;
    }
}
