package io.symphra.scheduler;

import io.symphra.exporter.support.ThrottledLog;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the run interceptors in order around each attempt, nested, so that one that throws neither breaks the
 * attempt nor the others; each interceptor's failures are logged, throttled, apart. With one interceptor (the
 * default: the MDC's) its scope is used as it is, so that an attempt allocates no array.
 */
final class Interceptors {

    private static final Logger LOG = LoggerFactory.getLogger(Interceptors.class);
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final RunInterceptor[] chain;
    /** One per interceptor, by index. */
    private final ThrottledLog[] failures;

    private final AtomicLong runIds = new AtomicLong();

    private Interceptors(List<RunInterceptor> interceptors) {
        this.chain = interceptors.toArray(new RunInterceptor[0]);
        this.failures = new ThrottledLog[chain.length];
        for (int i = 0; i < chain.length; i++) {
            failures[i] = ThrottledLog.every(LOG, PERIOD);
        }
    }

    /** The interceptors, or {@code null} when there is none: then an attempt costs nothing for them. */
    static Interceptors of(List<RunInterceptor> interceptors) {
        return interceptors.isEmpty() ? null : new Interceptors(interceptors);
    }

    /** A new fire's run id. */
    long nextRunId() {
        return runIds.incrementAndGet();
    }

    /** Enters every interceptor, first to last; returns what {@link #exit} and {@link #ended} are given. */
    AttemptScope enter(Attempt attempt) {
        if (chain.length == 1) {
            return enter(0, attempt);
        }
        AttemptScope[] scopes = new AttemptScope[chain.length];
        for (int i = 0; i < chain.length; i++) {
            scopes[i] = enter(i, attempt);
        }
        return new Nested(scopes);
    }

    private AttemptScope enter(int i, Attempt attempt) {
        try {
            AttemptScope scope = chain[i].enter(attempt);
            return scope != null ? scope : AttemptScope.NONE;
        } catch (RuntimeException | LinkageError e) {
            failed(i, "enter", e);
            return AttemptScope.NONE;
        }
    }

    /** The action returned or threw: exits every scope, last entered first. */
    void exit(AttemptScope scope) {
        if (scope instanceof Nested nested) {
            for (int i = nested.scopes.length - 1; i >= 0; i--) {
                exit(i, nested.scopes[i]);
            }
        } else {
            exit(0, scope);
        }
    }

    private void exit(int i, AttemptScope scope) {
        try {
            scope.exit();
        } catch (RuntimeException | LinkageError e) {
            failed(i, "exit", e);
        }
    }

    /** The attempt ended: tells every scope, last entered first. */
    void ended(AttemptScope scope, ExecutionOutcome outcome, Throwable error, boolean retrying) {
        if (scope instanceof Nested nested) {
            for (int i = nested.scopes.length - 1; i >= 0; i--) {
                ended(i, nested.scopes[i], outcome, error, retrying);
            }
        } else {
            ended(0, scope, outcome, error, retrying);
        }
    }

    private void ended(int i, AttemptScope scope, ExecutionOutcome outcome, Throwable error, boolean retrying) {
        try {
            scope.ended(outcome, error, retrying);
        } catch (RuntimeException | LinkageError e) {
            failed(i, "ended", e);
        }
    }

    /** The first trace id the scopes give, outermost first, or {@code null}. */
    String traceId(AttemptScope scope) {
        if (scope instanceof Nested nested) {
            for (int i = 0; i < nested.scopes.length; i++) {
                String id = traceId(i, nested.scopes[i]);
                if (id != null) {
                    return id;
                }
            }
            return null;
        }
        return traceId(0, scope);
    }

    private String traceId(int i, AttemptScope scope) {
        try {
            return scope.traceId();
        } catch (RuntimeException | LinkageError e) {
            failed(i, "traceId", e);
            return null;
        }
    }

    /** A fire was skipped: tells every interceptor, in order. */
    void skipped(String taskName, long plannedEpochNanos) {
        for (int i = 0; i < chain.length; i++) {
            try {
                chain[i].skipped(taskName, plannedEpochNanos);
            } catch (RuntimeException | LinkageError e) {
                failed(i, "skipped", e);
            }
        }
    }

    /** A fire was given up between attempts: tells every interceptor, in order. */
    void abandoned(String taskName, long runId, Throwable reason) {
        for (int i = 0; i < chain.length; i++) {
            try {
                chain[i].abandoned(taskName, runId, reason);
            } catch (RuntimeException | LinkageError e) {
                failed(i, "abandoned", e);
            }
        }
    }

    /** The scheduler stopped: tells every interceptor, in order. */
    void stopped(int abandonedRuns) {
        for (int i = 0; i < chain.length; i++) {
            try {
                chain[i].stopped(abandonedRuns);
            } catch (RuntimeException | LinkageError e) {
                failed(i, "stopped", e);
            }
        }
    }

    private void failed(int i, String call, Throwable e) {
        failures[i].warn(
                "Run interceptor " + chain[i].getClass().getName() + " threw in " + call
                        + "; ignored, the attempt goes on (logged at most once per " + PERIOD + ")",
                e);
    }

    /** The scopes of one attempt of several interceptors, by index. */
    private record Nested(AttemptScope[] scopes) implements AttemptScope {}
}
