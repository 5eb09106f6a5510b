package io.symphra.exporter.support;

import io.symphra.metrics.config.ExporterConfig;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * A push target's URL from the configuration, refused when it carries credentials ({@code user:password@}): the
 * JDK client would drop them silently, and credentials belong in the headers (or the exporter's token keys), whose
 * values are masked everywhere. For messages, print a URL with
 * {@link io.symphra.metrics.config.UrlRedaction#forLogs}.
 */
public final class PushUrl {

    private PushUrl() {}

    /**
     * The absolute {@code http}/{@code https} URL under {@code key}, if set.
     *
     * @param credentialsGo where credentials belong instead, for the message, such as
     *     {@code "symphra.exporter.json.push.headers (Authorization=Basic <base64 of user:password>)"}
     * @throws io.symphra.metrics.config.InvalidConfigException naming {@code key} for a URL that does not parse or
     *     carries credentials
     */
    public static Optional<URI> read(ExporterConfig config, String key, String credentialsGo) {
        return config.httpUrl(key)
                .map(url -> withoutCredentials(url, credentialsGo, reason -> config.invalid(key, reason)));
    }

    /** {@code url} itself, or fails with {@code invalid} when it carries credentials; for URLs read elsewhere. */
    public static URI withoutCredentials(
            URI url, String credentialsGo, Function<String, ? extends RuntimeException> invalid) {
        if (url.getRawUserInfo() != null) {
            throw invalid.apply("credentials in the URL are not allowed: set them in " + credentialsGo);
        }
        return url;
    }
}
