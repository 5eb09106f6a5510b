package io.symphra.tracing.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.symphra.scheduler.RunInterceptor;
import java.util.Objects;

/**
 * Traces every fire of every task with OpenTelemetry: pass what {@link #create} returns to
 * {@code Scheduler.Builder.interceptor(...)}.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder()
 *         .interceptor(SymphraTracing.create(GlobalOpenTelemetry.get()))
 *         .build();
 * }</pre>
 *
 * <p>Each fire becomes one span of kind INTERNAL named {@code RUN <task>}, the root of a trace of its own (never a
 * child of whatever context the worker thread had), current while the task's action runs, so that the spans the
 * task makes itself nest under it. Its attempts are span events, its outcome is the span's attributes and status,
 * and its trace and span ids are in the SLF4J MDC while it runs ({@link #TRACE_ID_KEY}, {@link #SPAN_ID_KEY}).
 * docs/tracing.md lists the attributes.
 */
public final class SymphraTracing {

    /** The instrumentation scope's name of the spans. */
    public static final String SCOPE_NAME = "io.symphra.tracing.otel";

    /** The MDC key of the fire's trace id, 32 hex digits; the name OpenTelemetry's logging integrations use. */
    public static final String TRACE_ID_KEY = "trace_id";

    /** The MDC key of the fire's span id, 16 hex digits. */
    public static final String SPAN_ID_KEY = "span_id";

    private SymphraTracing() {}

    /**
     * An interceptor that makes a span per fire with {@code openTelemetry}'s tracer (the SDK's, the Java agent's
     * {@code GlobalOpenTelemetry.get()}, or a no-op one, which costs little).
     */
    public static RunInterceptor create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new TracingInterceptor(openTelemetry.getTracer(SCOPE_NAME));
    }
}
