package io.symphra.exporter.influx;

import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.exporter.support.PushUrl;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated configuration of the Influx exporter. For InfluxDB 1.8 the v1 settings are already translated
 * into what its {@code /api/v2/write} compatibility endpoint expects: organisation {@code -}, bucket
 * {@code database/retention-policy}, and token {@code username:password}.
 *
 * @param url         the server's base URL, without credentials
 * @param api         which kind of settings were given
 * @param org         the organisation written to ({@code -} for InfluxDB 1.8)
 * @param bucket      the bucket written to ({@code database/retention-policy} for InfluxDB 1.8)
 * @param credentials the token sent as {@code Authorization: Token ...}, or {@code null} for none
 * @param secrets     every secret text, to scrub from messages
 * @param precision   the timestamp precision
 * @param batchSize   the most points per write request
 * @param bufferLimit the most points kept while the server is away
 * @param timeout     the bound of each HTTP request, one attempt (connect, read, write, whole call)
 * @param retry       attempts per batch within one push and the waits between them
 */
record InfluxSettings(
        String url,
        Api api,
        String org,
        String bucket,
        Secret credentials,
        List<Secret> secrets,
        TimestampPrecision precision,
        int batchSize,
        int bufferLimit,
        Duration timeout,
        PushRetryPolicy retry) {

    /** The two ways of addressing the server. */
    enum Api {
        V2,
        V1_COMPATIBILITY
    }

    static final String DEFAULT_URL = "http://localhost:8086";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final int DEFAULT_BATCH_SIZE = 5_000;
    static final int DEFAULT_BUFFER_LIMIT = 100_000;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    InfluxSettings {
        secrets = List.copyOf(secrets);
    }

    /** Reads and validates every key; throws {@link InvalidConfigException} naming the first bad one. */
    static InfluxSettings from(ExporterConfig config) {
        String url = url(config);
        TimestampPrecision precision = config.enumValue("precision", TimestampPrecision.class, TimestampPrecision.NS);
        int batchSize = config.integer("batch-size", DEFAULT_BATCH_SIZE, 1, 1_000_000);
        int bufferLimit = config.integer("buffer-limit", DEFAULT_BUFFER_LIMIT, 1, 100_000_000);
        Duration timeout = HttpPushClient.timeout(config, DEFAULT_TIMEOUT);
        PushRetryPolicy retry = PushRetryPolicy.from(config);

        String org = config.string("org").orElse(null);
        String bucket = config.string("bucket").orElse(null);
        Secret token = config.secret("token").orElse(null);
        String username = config.string("username").orElse(null);
        Secret password = config.secret("password").orElse(null);
        String database = config.string("database").orElse(null);
        String retentionPolicy = config.string("retention-policy").orElse(null);

        boolean v1 = username != null || password != null || database != null || retentionPolicy != null;
        if (!v1) {
            if (org == null) {
                throw config.invalid("org", "required for InfluxDB 2 (or set database for InfluxDB 1.8)");
            }
            if (bucket == null) {
                throw config.invalid("bucket", "required for InfluxDB 2 (or set database for InfluxDB 1.8)");
            }
            List<Secret> secrets = token == null ? List.of() : List.of(token);
            return new InfluxSettings(
                    url, Api.V2, org, bucket, token, secrets, precision, batchSize, bufferLimit, timeout, retry);
        }
        String mixing = "set either the InfluxDB 2 keys (org, bucket, token) or the InfluxDB 1.8 keys "
                + "(database, retention-policy, username, password), not both";
        if (org != null) {
            throw config.invalid("org", mixing);
        }
        if (bucket != null) {
            throw config.invalid("bucket", mixing);
        }
        if (token != null) {
            throw config.invalid("token", mixing);
        }
        if (database == null) {
            throw config.invalid(
                    "database", "required with the InfluxDB 1.8 keys (username, password, " + "retention-policy)");
        }
        if (password != null && username == null) {
            throw config.invalid("username", "required when password is set");
        }
        List<Secret> secrets = new ArrayList<>();
        Secret credentials = null;
        if (username != null) {
            String pass = password == null ? "" : password.reveal();
            credentials = Secret.of(username + ":" + pass);
            secrets.add(credentials);
            if (password != null) {
                secrets.add(password);
            }
        }
        String v1Bucket = database + "/" + (retentionPolicy == null ? "" : retentionPolicy);
        return new InfluxSettings(
                url,
                Api.V1_COMPATIBILITY,
                "-",
                v1Bucket,
                credentials,
                secrets,
                precision,
                batchSize,
                bufferLimit,
                timeout,
                retry);
    }

    private static String url(ExporterConfig config) {
        // The message shows the value with its user info masked (InvalidConfigException does that).
        URI uri = PushUrl.read(config, "url", config.key("token") + " (or username and password for InfluxDB 1.8)")
                .orElseGet(() -> URI.create(DEFAULT_URL));
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw config.invalid("url", "expected a base URL without query or fragment, such as " + DEFAULT_URL);
        }
        return uri.toString();
    }

    /** The text with every secret replaced by a mask, for messages built from what a server or library said. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (Secret secret : secrets) {
            if (!secret.isEmpty()) {
                result = result.replace(secret.reveal(), "******");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + url + ", api=" + api + ", org=" + org + ", bucket=" + bucket
                + ", credentials=" + (credentials == null ? "none" : "******") + ", precision=" + precision
                + ", batchSize=" + batchSize + ", bufferLimit=" + bufferLimit
                + ", timeout=" + timeout + ", " + retry + "]";
    }
}
