package io.symphra.exporter.influx;

import io.symphra.exporter.support.HttpPushClient;
import io.symphra.exporter.support.PushRetryPolicy;
import io.symphra.exporter.support.PushUrl;
import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.InvalidConfigException;
import io.symphra.metrics.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The validated configuration of the Influx exporter, for one of three ways of writing ({@link Api}). For InfluxDB
 * 1.8's {@code /api/v2/write} compatibility endpoint the 1.x settings are already translated into what it expects:
 * organisation {@code -}, bucket {@code database/retention-policy}, and token {@code username:password}.
 *
 * @param url             the server's base URL, without credentials
 * @param api             which endpoint is written to
 * @param org             the organisation written to ({@code -} for InfluxDB 1.8, null for {@link Api#V1})
 * @param bucket          the bucket written to ({@code database/retention-policy} for 1.8, null for {@link Api#V1})
 * @param database        the 1.x database ({@link Api#V1} only, else null)
 * @param retentionPolicy the 1.x retention policy ({@link Api#V1} only), null for the database's default
 * @param credentials     the token, or {@code username:password} for the 1.x keys, or {@code null} for none
 * @param secrets         every secret text, to scrub from messages
 * @param precision       the timestamp precision
 * @param batchSize       the most points per write request
 * @param bufferLimit     the most points kept while the server is away
 * @param timeout         the bound of each HTTP request, one attempt (connect, read, write, whole call)
 * @param retry           attempts per batch within one push and the waits between them
 */
record InfluxSettings(
        String url,
        Api api,
        String org,
        String bucket,
        String database,
        String retentionPolicy,
        Secret credentials,
        List<Secret> secrets,
        TimestampPrecision precision,
        int batchSize,
        int bufferLimit,
        Duration timeout,
        PushRetryPolicy retry) {

    /** The endpoints written to. */
    enum Api {
        /** {@code /api/v2/write} with organisation, bucket and token. */
        V2,
        /** {@code /api/v2/write} with the 1.x keys translated: InfluxDB 1.8's compatibility endpoint. */
        V1_COMPATIBILITY,
        /** {@code /write?db=...&rp=...&precision=...} with HTTP Basic credentials: every InfluxDB 1.x. */
        V1
    }

    /** The key choosing the endpoint: {@code v1} or {@code v2}. */
    static final String API_KEY = "api";

    static final String DEFAULT_URL = "http://localhost:8086";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final int DEFAULT_BATCH_SIZE = 5_000;
    static final int DEFAULT_BUFFER_LIMIT = 100_000;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_DETAIL = 500;
    private static final String V1_KEYS = "database, retention-policy, username, password";

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

        boolean v1Keys = username != null || password != null || database != null || retentionPolicy != null;
        String api = config.string(API_KEY).orElse(v1Keys ? "v1" : "v2");
        if (!api.equals("v1") && !api.equals("v2")) {
            throw config.invalid(API_KEY, "expected v1 (InfluxDB 1.x /write) or v2 (/api/v2/write)");
        }
        if (!v1Keys) {
            if (api.equals("v1")) {
                throw config.invalid("database", "required with api=v1");
            }
            if (org == null) {
                throw config.invalid("org", "required for InfluxDB 2 (or set database for InfluxDB 1.x)");
            }
            if (bucket == null) {
                throw config.invalid("bucket", "required for InfluxDB 2 (or set database for InfluxDB 1.x)");
            }
            List<Secret> secrets = token == null ? List.of() : List.of(token);
            return new Target(Api.V2, org, bucket, null, null, token, secrets)
                    .settings(url, precision, batchSize, bufferLimit, timeout, retry);
        }
        String mixing = "set either the InfluxDB 2 keys (org, bucket, token) or the InfluxDB 1.x keys (" + V1_KEYS
                + "), not both";
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
                    "database", "required with the InfluxDB 1.x keys (username, password, retention-policy)");
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
            // A server could echo the Basic header back; its base64 form is as secret as the password.
            secrets.add(Secret.of(basic(credentials)));
            if (password != null) {
                secrets.add(password);
            }
        }
        Target target = api.equals("v1")
                ? new Target(Api.V1, null, null, database, retentionPolicy, credentials, secrets)
                : new Target(
                        Api.V1_COMPATIBILITY,
                        "-",
                        database + "/" + (retentionPolicy == null ? "" : retentionPolicy),
                        null,
                        null,
                        credentials,
                        secrets);
        return target.settings(url, precision, batchSize, bufferLimit, timeout, retry);
    }

    /** Where and as whom the points are written: the part of the settings that depends on the API. */
    private record Target(
            Api api,
            String org,
            String bucket,
            String database,
            String retentionPolicy,
            Secret credentials,
            List<Secret> secrets) {

        InfluxSettings settings(
                String url,
                TimestampPrecision precision,
                int batchSize,
                int bufferLimit,
                Duration timeout,
                PushRetryPolicy retry) {
            return new InfluxSettings(
                    url,
                    api,
                    org,
                    bucket,
                    database,
                    retentionPolicy,
                    credentials,
                    secrets,
                    precision,
                    batchSize,
                    bufferLimit,
                    timeout,
                    retry);
        }
    }

    /** The base64 of {@code user:password}, as an HTTP Basic {@code Authorization} header carries it. */
    static String basic(Secret credentials) {
        return Base64.getEncoder().encodeToString(credentials.reveal().getBytes(StandardCharsets.UTF_8));
    }

    private static String url(ExporterConfig config) {
        // The message shows the value with its user info masked (InvalidConfigException does that).
        URI uri = PushUrl.read(config, "url", config.key("token") + " (or username and password for InfluxDB 1.x)")
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

    /**
     * What went wrong, as text for a message: the messages of the exception and its causes, never the exception
     * objects (a library's exception could carry request details), scrubbed and shortened.
     */
    String detail(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        String scrubbed = scrub(text.toString());
        return scrubbed.length() <= MAX_DETAIL ? scrubbed : scrubbed.substring(0, MAX_DETAIL) + "...";
    }

    /** Where the points go, for the log line at start. */
    String target() {
        return switch (api) {
            case V2 -> "InfluxDB 2 API, org '" + org + "', bucket '" + bucket + "'";
            case V1_COMPATIBILITY -> "InfluxDB 1.8 compatibility API, bucket '" + bucket + "'";
            case V1 ->
                "InfluxDB 1.x API, database '" + database + "'"
                        + (retentionPolicy == null ? "" : ", retention policy '" + retentionPolicy + "'");
        };
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + url + ", api=" + api + ", org=" + org + ", bucket=" + bucket
                + ", database=" + database + ", retentionPolicy=" + retentionPolicy + ", credentials="
                + (credentials == null ? "none" : "******") + ", precision=" + precision
                + ", batchSize=" + batchSize + ", bufferLimit=" + bufferLimit
                + ", timeout=" + timeout + ", " + retry + "]";
    }
}
