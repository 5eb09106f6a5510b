package io.symphra.scheduler.cron;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns the wall-clock matches of a {@link LocalTimePattern} into instants in a time zone, following the
 * daylight-saving rule:
 * <ul>
 *   <li>a match that falls in a gap (clocks jump forward) fires once, at the instant the gap ends;</li>
 *   <li>a match that falls in an overlap (clocks go back) fires at its first occurrence; it fires again at its
 *       second occurrence only when the pattern matches every hour, so hourly and every-N-minutes schedules
 *       keep running through the repeated hour.</li>
 * </ul>
 * Several matches mapped to the same instant fire once.
 */
final class ZonedFireTimes {

    /**
     * The Gregorian calendar repeats every 400 years (146,097 days, a whole number of weeks), so a pattern
     * with no match in 400 years never matches.
     */
    private static final int SEARCH_YEARS = 401;

    private ZonedFireTimes() {}

    /** The first fire time strictly after {@code after}, in its zone, or null when there is none. */
    static ZonedDateTime next(LocalTimePattern pattern, ZonedDateTime after) {
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        LocalDateTime localAfter = after.toLocalDateTime();
        LocalDateTime from = nextWholeSecond(localAfter);
        if (rules.isFixedOffset()) {
            LocalDateTime match = pattern.nextMatch(from, searchEnd(from));
            return match == null ? null : ZonedDateTime.ofLocal(match, zone, null);
        }
        ZoneOffsetTransition current = rules.getTransition(localAfter);
        if (current != null && after.getOffset().equals(current.getOffsetAfter())) {
            // after lies in the second pass of an overlap: the first pass of these wall-clock times is over
            from = current.getDateTimeBefore();
        }
        Instant afterInstant = after.toInstant();
        LocalDateTime match = pattern.nextMatch(from, searchEnd(from));
        Instant fire = match == null ? null : firstInstant(match, rules);
        if (pattern.everyHour()) {
            Instant repeat = secondPassAfter(pattern, rules, afterInstant, fire);
            if (repeat != null && (fire == null || repeat.isBefore(fire))) {
                fire = repeat;
            }
        }
        return fire == null ? null : ZonedDateTime.ofInstant(fire, zone);
    }

    /** The instant a wall-clock match fires at: the gap's end for a skipped time, the first of a repeated one. */
    private static Instant firstInstant(LocalDateTime match, ZoneRules rules) {
        ZoneOffsetTransition transition = rules.getTransition(match);
        if (transition == null) {
            return match.toInstant(rules.getOffset(match));
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        return match.toInstant(transition.getOffsetBefore());
    }

    /**
     * The earliest second-pass occurrence of a match in an overlap, strictly after {@code after} and before
     * {@code limit} (when not null), or null.
     */
    private static Instant secondPassAfter(LocalTimePattern pattern, ZoneRules rules, Instant after, Instant limit) {
        Instant horizon = limit != null ? limit : after.plus(1, ChronoUnit.DAYS);
        ZoneOffsetTransition transition = rules.previousTransition(after);
        if (transition == null) {
            transition = rules.nextTransition(after);
        }
        while (transition != null && transition.getInstant().isBefore(horizon)) {
            if (transition.isOverlap()) {
                ZoneOffset secondOffset = transition.getOffsetAfter();
                Instant secondPassEnd =
                        transition.getInstant().plus(transition.getDuration().abs());
                if (secondPassEnd.isAfter(after)) {
                    LocalDateTime start = transition.getDateTimeAfter();
                    LocalDateTime afterLocal = nextWholeSecond(LocalDateTime.ofInstant(after, secondOffset));
                    LocalDateTime match = pattern.nextMatch(
                            afterLocal.isAfter(start) ? afterLocal : start, transition.getDateTimeBefore());
                    if (match != null) {
                        return match.toInstant(secondOffset);
                    }
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return null;
    }

    private static LocalDateTime nextWholeSecond(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static LocalDateTime searchEnd(LocalDateTime from) {
        try {
            return from.plusYears(SEARCH_YEARS);
        } catch (DateTimeException beyondLastYear) {
            return LocalDateTime.MAX;
        }
    }
}
