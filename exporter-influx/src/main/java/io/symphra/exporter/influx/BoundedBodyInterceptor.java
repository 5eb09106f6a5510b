package io.symphra.exporter.influx;

import java.io.IOException;
import java.net.Socket;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads at most {@link #LIMIT} bytes of every response body, as it comes off the wire, and hands the client those
 * bytes only. A longer body is cut off by closing the connection: the InfluxDB client would read an error body
 * into memory whole, and OkHttp drains a success body it hopes to reuse the connection for, so a server answering
 * with an endless body would cost the heap or the push's time. A body within the limit is read to its end and the
 * connection is kept.
 */
final class BoundedBodyInterceptor implements Interceptor {

    /** Enough for any InfluxDB error message. */
    static final int LIMIT = 4 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        Buffer kept = new Buffer();
        try (body) {
            BufferedSource source = body.source();
            boolean longer = source.request(LIMIT + 1L);
            kept.write(source.getBuffer(), Math.min(LIMIT, source.getBuffer().size()));
            Connection connection = chain.connection();
            if (longer && connection != null) {
                Socket socket = connection.socket();
                socket.close();
            }
        }
        return response.newBuilder()
                .body(ResponseBody.create(kept, body.contentType(), kept.size()))
                .build();
    }
}
