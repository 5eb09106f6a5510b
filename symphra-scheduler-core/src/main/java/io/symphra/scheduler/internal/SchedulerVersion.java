package io.symphra.scheduler.internal;

import io.symphra.metrics.snapshot.SchedulerState;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The scheduler's version, from the resource the build writes it into; read once. Not API. */
public final class SchedulerVersion {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = read();

    private SchedulerVersion() {}

    /** The version of this jar, or {@link SchedulerState#UNKNOWN_VERSION} when the resource is missing. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = SchedulerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return SchedulerState.UNKNOWN_VERSION;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // An unfiltered resource (a build that skipped filtering) still holds the placeholder.
            return version.isEmpty() || version.startsWith("${") ? SchedulerState.UNKNOWN_VERSION : version;
        } catch (IOException e) {
            return SchedulerState.UNKNOWN_VERSION;
        }
    }
}
