package io.symphra.tracing.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.symphra.metrics.snapshot.ExecutionOutcome;
import io.symphra.scheduler.Attempt;
import io.symphra.scheduler.AttemptScope;
import io.symphra.scheduler.RunInterceptor;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * A span per fire: started by its first attempt, made current around each attempt's action, ended by its last
 * attempt. Between attempts the span waits in {@link #fires} under the fire's run id; a fire given up without a
 * last attempt (its retry rejected, the scheduler stopped) is ended as abandoned and leaves the map.
 */
final class TracingInterceptor implements RunInterceptor {

    private final Tracer tracer;
    private final Map<Long, Span> fires = new ConcurrentHashMap<>();

    TracingInterceptor(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public AttemptScope enter(Attempt attempt) {
        Span span = attempt.isRetry() ? fires.get(attempt.runId()) : null;
        if (span == null) {
            span = start(attempt);
            fires.put(attempt.runId(), span);
        } else {
            span.addEvent(FireSpans.RETRY_EVENT, Attributes.of(FireSpans.ATTEMPT, (long) attempt.number()));
        }
        // From the root: the worker's leftover context must not become the fire's parent.
        Scope scope = Context.root().with(span).makeCurrent();
        return new TracedAttempt(span, scope, attempt.runId(), attempt.number());
    }

    private Span start(Attempt attempt) {
        return tracer.spanBuilder(FireSpans.name(attempt.taskName()))
                .setNoParent()
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(FireSpans.TASK, attempt.taskName())
                .setAttribute(FireSpans.ACTION_NAME, FireSpans.ACTION)
                .setAttribute(FireSpans.RUN_ID, Long.toString(attempt.runId()))
                .setAttribute(FireSpans.PLANNED, attempt.plannedTime().toString())
                .setAttribute(FireSpans.LATENESS, attempt.latenessNanos() / 1e9)
                .startSpan();
    }

    @Override
    public void skipped(String taskName, long plannedEpochNanos) {
        Instant planned = Instant.ofEpochSecond(0, plannedEpochNanos);
        tracer.spanBuilder(FireSpans.name(taskName))
                .setNoParent()
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(FireSpans.TASK, taskName)
                .setAttribute(FireSpans.ACTION_NAME, FireSpans.ACTION)
                .setAttribute(FireSpans.PLANNED, planned.toString())
                .setAttribute(FireSpans.RESULT, FireSpans.SKIPPED)
                .startSpan()
                .end();
    }

    /** The fires whose span is open: started, not yet ended. */
    int openFires() {
        return fires.size();
    }

    @Override
    public void abandoned(String taskName, long runId, Throwable reason) {
        Span span = fires.remove(runId);
        if (span != null) {
            endAbandoned(span, FireSpans.RETRY_REJECTED, reason.getClass().getName(), reason.toString());
        }
    }

    @Override
    public void stopped(int abandonedRuns) {
        for (Long runId : fires.keySet()) {
            Span span = fires.remove(runId);
            if (span != null) {
                endAbandoned(span, FireSpans.SHUTDOWN, FireSpans.SHUTDOWN, "abandoned at shutdown");
            }
        }
    }

    private static void endAbandoned(Span span, String why, String errorType, String description) {
        span.setAttribute(FireSpans.ABANDONED, why);
        span.setAttribute(FireSpans.RESULT, FireSpans.FAILURE);
        span.setAttribute(FireSpans.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, description);
        span.end();
    }

    /** One attempt inside its fire's span. */
    private final class TracedAttempt implements AttemptScope {
        private final Span span;
        private final Scope scope;
        private final long runId;
        private final int number;
        private final String previousTraceId;
        private final String previousSpanId;

        TracedAttempt(Span span, Scope scope, long runId, int number) {
            this.span = span;
            this.scope = scope;
            this.runId = runId;
            this.number = number;
            this.previousTraceId = MDC.get(SymphraTracing.TRACE_ID_KEY);
            this.previousSpanId = MDC.get(SymphraTracing.SPAN_ID_KEY);
            MDC.put(SymphraTracing.TRACE_ID_KEY, span.getSpanContext().getTraceId());
            MDC.put(SymphraTracing.SPAN_ID_KEY, span.getSpanContext().getSpanId());
        }

        @Override
        public void exit() {
            scope.close();
            restore(SymphraTracing.TRACE_ID_KEY, previousTraceId);
            restore(SymphraTracing.SPAN_ID_KEY, previousSpanId);
        }

        @Override
        public void ended(ExecutionOutcome outcome, Throwable error, boolean retrying) {
            // A fire ended as abandoned at shutdown may still see its attempt end late: its span is over.
            if (retrying) {
                if (fires.get(runId) == span) {
                    span.recordException(error, Attributes.of(FireSpans.ATTEMPT, (long) number));
                }
                return;
            }
            if (!fires.remove(runId, span)) {
                return;
            }
            span.setAttribute(FireSpans.ATTEMPT, (long) number);
            switch (outcome) {
                case SUCCESS -> span.setAttribute(FireSpans.RESULT, FireSpans.SUCCESS);
                case TIMEOUT -> {
                    span.setAttribute(FireSpans.RESULT, FireSpans.TIMEOUT);
                    span.setAttribute(FireSpans.ERROR_TYPE, FireSpans.TIMEOUT);
                    span.setStatus(StatusCode.ERROR, error != null ? error.getMessage() : FireSpans.TIMEOUT);
                }
                default -> {
                    span.setAttribute(FireSpans.RESULT, FireSpans.FAILURE);
                    if (error != null) {
                        span.setAttribute(FireSpans.ERROR_TYPE, error.getClass().getName());
                        span.recordException(error);
                    }
                    span.setStatus(StatusCode.ERROR, error != null ? String.valueOf(error.getMessage()) : null);
                }
            }
            span.end();
        }

        @Override
        public String traceId() {
            // An unsampled trace is not stored anywhere: an exemplar pointing at it would lead nowhere.
            SpanContext context = span.getSpanContext();
            return context.isSampled() ? context.getTraceId() : null;
        }

        private void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
