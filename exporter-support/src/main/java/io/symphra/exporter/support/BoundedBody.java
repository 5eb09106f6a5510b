package io.symphra.exporter.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body handler that keeps at most a given number of bytes and then stops reading.
 *
 * <p>A push target's answer is read for its status and, on an error, for a short message. A hostile or broken
 * server can answer with a body of gigabytes, or one that never ends: reading it whole, or even reading and
 * discarding it, holds a thread (and with {@code ofString} the heap) for as long as the server likes. This handler
 * completes as soon as the limit is reached, with the bytes read so far, and cancels the rest, which makes the
 * client close the connection. A body within the limit is returned whole.
 */
public final class BoundedBody {

    private BoundedBody() {}

    /** A handler whose body is at most {@code maxBytes} bytes of the response's body, in order. */
    public static BodyHandler<byte[]> upTo(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be zero or more, got " + maxBytes);
        }
        return info -> new Subscriber(maxBytes);
    }

    private static final class Subscriber implements BodySubscriber<byte[]> {
        private final int maxBytes;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (maxBytes == 0) {
                subscription.cancel();
                body.complete(new byte[0]);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), maxBytes - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
            if (kept.size() >= maxBytes) {
                subscription.cancel();
                body.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }
}
