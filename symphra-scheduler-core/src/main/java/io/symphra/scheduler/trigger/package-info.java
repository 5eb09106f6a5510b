/**
 * When tasks fire: fixed-rate intervals, fixed delays, cron expressions, one-shot instants and the usual
 * shortcuts, all built through {@link io.symphra.scheduler.trigger.Triggers}.
 */
package io.symphra.scheduler.trigger;
