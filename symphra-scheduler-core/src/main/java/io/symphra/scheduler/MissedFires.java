package io.symphra.scheduler;

import io.symphra.scheduler.internal.EpochNanos;
import io.symphra.scheduler.trigger.Trigger;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Counts the fire times a calendar trigger (cron) jumps over when a fire runs late: the scheduler does not catch
 * up, so every planned instant after the late one and not after now is never run. Fixed rates are counted where
 * their next fire is planned, in {@link RegisteredTask#nextDueAtTake}.
 */
final class MissedFires {

    /** Cron fires at whole seconds, so two of its instants are at least this far apart. */
    static final long CRON_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The most instants counted for one late fire; a longer stall is counted as this many. */
    static final int MAX_COUNTED = 100_000;

    private MissedFires() {}

    /** Instants of {@code trigger} after {@code planned} and at or before {@code now}, at most {@link #MAX_COUNTED}. */
    static long jumpedOver(Trigger trigger, long planned, long now, ZoneId zone) {
        long count = 0;
        long t = planned;
        while (count < MAX_COUNTED) {
            t = trigger.nextEpochNanos(t, t, zone);
            if (t == EpochNanos.NONE || t > now) {
                break;
            }
            count++;
        }
        return count;
    }
}
