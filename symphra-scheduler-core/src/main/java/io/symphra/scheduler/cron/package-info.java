/**
 * Cron expressions on {@code java.time}: {@link io.symphra.scheduler.cron.CronExpression} parses Unix
 * (five-field) and seconds-first (six-field) expressions and computes the next fire time in any time zone,
 * with a documented rule for daylight-saving gaps and overlaps.
 */
package io.symphra.scheduler.cron;
