/**
 * What Symphra's exporters share, written once and public so that a custom exporter uses it too.
 *
 * <p>{@link io.symphra.exporter.support.SharedHttpClient} is the one JDK {@link java.net.http.HttpClient} of the
 * JVM that every HTTP exporter sends with, so that opening and closing exporters never adds threads.
 * {@link io.symphra.exporter.support.HttpPushClient} pushes over it under one
 * {@link io.symphra.exporter.support.PushRetryPolicy} and one table of what an answer means,
 * {@link io.symphra.exporter.support.PushOutcome}; {@link io.symphra.exporter.support.PushHeaders},
 * {@link io.symphra.exporter.support.PushUrl} and {@link io.symphra.exporter.support.RenamedKeys} check a push
 * exporter's configuration. {@link io.symphra.exporter.support.ThrottledLog} logs a recurring problem a few times
 * instead of once per push.
 */
package io.symphra.exporter.support;
