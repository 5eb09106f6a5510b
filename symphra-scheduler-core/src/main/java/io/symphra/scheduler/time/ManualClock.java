package io.symphra.scheduler.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests that drive a scheduler through time instead of sleeping.
 *
 * <p>A scheduler built with a {@code ManualClock} wakes its timer whenever the clock is advanced, so a test can
 * write {@code clock.advance(Duration.ofMinutes(5))} and then wait (with a bound) for the runs that became due.
 * Its advances are how time passes for the scheduler, never steps of a wall clock: timeouts and retry waits end
 * when the clock reaches them, however little real time went by (a scheduler on any other clock re-plans after a
 * step; see {@link io.symphra.scheduler.Scheduler}). Thread-safe.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    private final List<Runnable> advanceListeners;

    /** A clock standing at {@code start}, in UTC. */
    public ManualClock(Instant start) {
        this(
                new AtomicReference<>(Objects.requireNonNull(start, "start")),
                ZoneOffset.UTC,
                new CopyOnWriteArrayList<>());
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> listeners) {
        this.now = now;
        this.zone = zone;
        this.advanceListeners = listeners;
    }

    /** Moves the clock forward; negative amounts are rejected. Wakes every scheduler that uses this clock. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward, got " + amount);
        }
        now.updateAndGet(t -> t.plus(amount));
        advanceListeners.forEach(Runnable::run);
    }

    /** Moves the clock to {@code instant}, which must not be in its past. */
    public void advanceTo(Instant instant) {
        Instant current = now.get();
        if (instant.isBefore(current)) {
            throw new IllegalArgumentException("cannot move a manual clock back from " + current + " to " + instant);
        }
        advance(Duration.between(current, instant));
    }

    /** Registers code to run after every advance; the scheduler uses it to wake its timer. */
    public void onAdvance(Runnable listener) {
        advanceListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #onAdvance}. */
    public void removeOnAdvance(Runnable listener) {
        advanceListeners.remove(listener);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone, advanceListeners);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
