/**
 * What Symphra's exporters share, written once and public so that a custom exporter uses it too.
 *
 * <p>{@link io.symphra.exporter.support.SharedHttpClient} is the one JDK {@link java.net.http.HttpClient} of the
 * JVM that every HTTP exporter sends with, so that opening and closing exporters never adds threads.
 * {@link io.symphra.exporter.support.ThrottledLog} logs a recurring problem a few times instead of once per push.
 */
package io.symphra.exporter.support;
