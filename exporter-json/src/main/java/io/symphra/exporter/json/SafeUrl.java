package io.symphra.exporter.json;

import java.net.URI;

/** A URL as it may appear in a log: user info, query and fragment, which can carry credentials, are left out. */
final class SafeUrl {

    private SafeUrl() {}

    static String of(URI url) {
        StringBuilder sb = new StringBuilder();
        sb.append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : path);
        return sb.toString();
    }
}
