package io.symphra.scheduler.cron;

/**
 * Why one field of a cron expression is wrong. The parser catches it and rethrows an
 * {@link IllegalArgumentException} that also names the expression and the field.
 */
final class FieldSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FieldSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
