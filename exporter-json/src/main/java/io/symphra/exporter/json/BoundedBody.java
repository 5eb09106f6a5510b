package io.symphra.exporter.json;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of a response body and keeps them, then cancels the rest, which makes the HTTP
 * client close the connection: a server's endless body costs a few KB, not the heap. A body within the limit is
 * read to its end, so the connection can serve the next push.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final int limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    // Flow signals arrive one at a time, so the buffer needs no lock.
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), limit - kept.size());
            byte[] bytes = new byte[take];
            buffer.get(bytes);
            kept.writeBytes(bytes);
            if (kept.size() >= limit) {
                subscription.cancel();
                body.complete(kept.toByteArray());
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(kept.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
