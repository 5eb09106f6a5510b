package io.symphra.exporter.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * The one JDK {@link HttpClient} that every Symphra HTTP exporter in this JVM sends with.
 *
 * <p>Why one: a JDK 17 {@code HttpClient} cannot be closed. Each one owns a selector thread that ends only after
 * the client has been garbage-collected, so a program that opens and closes exporters (a scheduler per test, a
 * scheduler rebuilt on reconfiguration) would gain a thread per exporter until the next collection happens to run.
 * One client for the JVM keeps the count at one selector thread whatever the number of exporters; its worker
 * threads come from the client's default pool and end when idle.
 *
 * <p>The client holds no per-exporter setting: no connect timeout (an exporter bounds each request with
 * {@link HttpRequest.Builder#timeout}, which covers connecting too), no proxy, no redirects (a push target that
 * redirects is a configuration error to report, not to follow), the JVM's default TLS context, and HTTP/2 where
 * TLS negotiates it. Each request asks for the version {@link #versionFor(URI)} gives, so that no plain-HTTP server
 * is offered an {@code h2c} upgrade it may not handle. An exporter that needs its own TLS context builds its own client and owns its lifetime.
 */
public final class SharedHttpClient {

    private SharedHttpClient() {}

    /** The JVM's shared client, built on first use. Never close it: it lives as long as the JVM. */
    public static HttpClient get() {
        return Holder.CLIENT;
    }

    /**
     * The HTTP version to ask for on a request to {@code uri}: HTTP/1.1 for a plain {@code http} URL (no {@code h2c}
     * upgrade offered), HTTP/2 for {@code https}, which TLS negotiates down to HTTP/1.1 where the server wants it.
     */
    public static HttpClient.Version versionFor(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
    }

    /** Lazy holder: the client, and its selector thread, exist only once an exporter sends. */
    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .build();
    }
}
