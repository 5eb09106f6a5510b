package io.symphra.examples.demo;

import io.symphra.exporter.prometheus.PrometheusExporter;
import io.symphra.scheduler.Scheduler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runnable demo: a scheduler with metrics on, sample tasks, a Prometheus endpoint (with JSON at
 * {@code /metrics.json}) and a console table every few seconds. Push exporters start only when their
 * configuration turns them on, for example {@code SYMPHRA_EXPORTER_STATSD_ENABLED=true}.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws InterruptedException {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the demo to its end: 0, or 2 for a bad command line, 1 when it could not join its cluster. */
    static int run(String... args) throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Scheduler.Builder builder = Scheduler.builder()
                .enableMetrics(true)
                .commonLabel("service", "symphra-demo")
                .exporterProperty("symphra.exporter.prometheus.port", Integer.toString(options.port()))
                .shutdownTimeout(java.time.Duration.ofSeconds(10));
        DemoCluster cluster;
        try {
            cluster = options.cluster().map(DemoCluster::new).orElse(null);
        } catch (RuntimeException e) {
            System.out.println(
                    "Cannot join the cluster at " + options.cluster().get().url() + ": " + e.getMessage());
            return 1;
        }
        if (cluster != null) {
            cluster.configure(builder, options.cluster().get());
        }
        Scheduler scheduler = builder.build();
        SampleTasks.register(scheduler, options.extraTasks());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            scheduler.close();
                            if (cluster != null) {
                                cluster.close();
                            }
                            stopped.countDown();
                        },
                        "symphra-demo-shutdown"));

        scheduler.start();
        scheduler.exporter("prometheus").map(PrometheusExporter.class::cast).ifPresent(p -> {
            // the exporter's own URI, so the scheme is https when TLS is configured
            System.out.println("Prometheus metrics: " + p.metricsUri());
            System.out.println("JSON metrics:       " + p.metricsUri() + ".json");
        });
        if (cluster != null) {
            System.out.println("Cluster mode: replica " + scheduler.instance().orElseThrow() + " on "
                    + options.cluster().get().url() + "; each fire runs on one replica.");
        }
        System.out.println("Exporters: " + scheduler.exporterNames() + ". Press Ctrl-C to stop.");

        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "symphra-demo-report");
            t.setDaemon(true);
            return t;
        });
        long every = options.reportEvery().toMillis();
        reporter.scheduleAtFixedRate(
                () -> System.out.print("\n" + StatsTable.render(scheduler.snapshot(), 12)),
                every,
                every,
                TimeUnit.MILLISECONDS);

        if (options.duration().isPresent()) {
            stopped.await(options.duration().get().toMillis(), TimeUnit.MILLISECONDS);
            reporter.shutdownNow();
            System.out.print("\n" + StatsTable.render(scheduler.snapshot(), 12));
            scheduler.close();
            if (cluster != null) {
                cluster.close();
            }
            System.out.println("Stopped after " + options.duration().get().toSeconds() + " s.");
        } else {
            stopped.await();
        }
        return 0;
    }
}
