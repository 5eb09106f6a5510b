package io.symphra.tracing.otel;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys and values of a fire's span. The {@code cicd.pipeline.*} keys are OpenTelemetry's CI/CD run
 * conventions, the nearest there is to a scheduled job's run; {@code symphra.*} are this library's own.
 */
final class FireSpans {

    static final String ACTION = "RUN";

    static final AttributeKey<String> TASK = AttributeKey.stringKey("cicd.pipeline.name");
    static final AttributeKey<String> ACTION_NAME = AttributeKey.stringKey("cicd.pipeline.action.name");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("cicd.pipeline.run.id");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("cicd.pipeline.result");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("symphra.attempt");
    static final AttributeKey<Double> LATENESS = AttributeKey.doubleKey("symphra.lateness");
    static final AttributeKey<String> PLANNED = AttributeKey.stringKey("symphra.planned");
    /** Why a fire's span was ended without a last attempt: {@link #RETRY_REJECTED} or {@link #SHUTDOWN}. */
    static final AttributeKey<String> ABANDONED = AttributeKey.stringKey("symphra.abandoned");

    /** The event of each attempt after the first. */
    static final String RETRY_EVENT = "symphra.retry";

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String TIMEOUT = "timeout";
    static final String SKIPPED = "skipped";

    static final String RETRY_REJECTED = "retry_rejected";
    static final String SHUTDOWN = "shutdown";

    private FireSpans() {}

    /** The span name: the conventions' {@code {action} {pipeline}}; task names are few, so it stays low-cardinality. */
    static String name(String taskName) {
        return ACTION + " " + taskName;
    }
}
