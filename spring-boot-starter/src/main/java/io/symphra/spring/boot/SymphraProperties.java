package io.symphra.spring.boot;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code symphra.*} properties of the scheduler the starter builds. The exporters' keys,
 * {@code symphra.exporter.<name>.<key>}, are not here: they reach the scheduler's builder as they are written and
 * each exporter validates its own (see docs/CONFIGURATION.md).
 */
@ConfigurationProperties("symphra")
public class SymphraProperties {

    /** Whether the starter builds and runs a scheduler. */
    private boolean enabled = true;

    /** Whether every run is measured; exporters, the Micrometer binding and the endpoint's stats need it. */
    private boolean metrics = true;

    /** Size of the scheduler's own worker pool; default max(2, available processors). */
    private Integer workerThreads;

    /** Whether tasks run on virtual threads where the JDK has them. */
    private boolean virtualThreads;

    /** The time zone of cron and calendar triggers that name none. */
    private ZoneId zone = ZoneId.of("UTC");

    /**
     * How long stopping waits for running tasks before interrupting them; keep it below
     * spring.lifecycle.timeout-per-shutdown-phase.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(20);

    /** This instance's name: the instance label of every backend and its name in cluster mode. */
    private String instance;

    /** Labels on every metric of every backend, such as service=billing. */
    private Map<String, String> commonLabels = new LinkedHashMap<>();

    /** Upper bounds, in seconds, of the duration histogram's buckets; default the core's. */
    private List<Double> histogramBuckets = new ArrayList<>();

    /** Whether annotated methods (@Interval, @Cron, @Scheduled, ...) of every bean are registered at startup. */
    private boolean registerAnnotatedBeans = true;

    /** Whether exporters found on the class path are used. */
    private boolean discoverExporters = true;

    private final Health health = new Health();

    private final Cluster cluster = new Cluster();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isMetrics() {
        return metrics;
    }

    public void setMetrics(boolean metrics) {
        this.metrics = metrics;
    }

    public Integer getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(Integer workerThreads) {
        this.workerThreads = workerThreads;
    }

    public boolean isVirtualThreads() {
        return virtualThreads;
    }

    public void setVirtualThreads(boolean virtualThreads) {
        this.virtualThreads = virtualThreads;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public String getInstance() {
        return instance;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    public Map<String, String> getCommonLabels() {
        return commonLabels;
    }

    public void setCommonLabels(Map<String, String> commonLabels) {
        this.commonLabels = commonLabels;
    }

    public List<Double> getHistogramBuckets() {
        return histogramBuckets;
    }

    public void setHistogramBuckets(List<Double> histogramBuckets) {
        this.histogramBuckets = histogramBuckets;
    }

    public boolean isRegisterAnnotatedBeans() {
        return registerAnnotatedBeans;
    }

    public void setRegisterAnnotatedBeans(boolean registerAnnotatedBeans) {
        this.registerAnnotatedBeans = registerAnnotatedBeans;
    }

    public boolean isDiscoverExporters() {
        return discoverExporters;
    }

    public void setDiscoverExporters(boolean discoverExporters) {
        this.discoverExporters = discoverExporters;
    }

    public Health getHealth() {
        return health;
    }

    public Cluster getCluster() {
        return cluster;
    }

    /** The opt-in health indicator {@code symphra}. */
    public static class Health {

        /** Whether the health indicator symphra is registered. */
        private boolean enabled;

        /** How long a push exporter may fail without a success before the health is DOWN. */
        private Duration exporterFailureTimeout = Duration.ofMinutes(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getExporterFailureTimeout() {
            return exporterFailureTimeout;
        }

        public void setExporterFailureTimeout(Duration exporterFailureTimeout) {
            this.exporterFailureTimeout = exporterFailureTimeout;
        }
    }

    /** Cluster mode over the application's DataSource, when symphra-cluster-jdbc is on the class path. */
    public static class Cluster {

        /** Whether each fire runs once across the instances that share the DataSource's database. */
        private boolean enabled;

        /** The claim table. */
        private String table;

        /** Whether the claim table is created when missing. */
        private Boolean createTable;

        /** How long a claim stays this instance's without a heartbeat. */
        private Duration lease;

        /** How often the leases of running fires are renewed; shorter than the lease. */
        private Duration heartbeat;

        /** How often expired claims are looked for; default the heartbeat. */
        private Duration scanInterval;

        /** How long finished claim rows are kept. */
        private Duration retention;

        /** The bound on each statement against the claim table. */
        private Duration queryTimeout;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public Boolean getCreateTable() {
            return createTable;
        }

        public void setCreateTable(Boolean createTable) {
            this.createTable = createTable;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getScanInterval() {
            return scanInterval;
        }

        public void setScanInterval(Duration scanInterval) {
            this.scanInterval = scanInterval;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }
    }
}
