/**
 * Benchmarks that measure Symphra side by side with its peers (client_java, Micrometer, Quartz, the JDK's
 * {@code ScheduledThreadPoolExecutor}). Every comparison runs ours and the peer in the same JMH run, so that the
 * ratio holds on a noisy machine. See {@code docs/BENCHMARKS.md} for the results and how to run them.
 */
package io.symphra.benchmarks;
