package org.trustpool.vdsbroker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse;

/**
 * Collects an agent's answer and gives up, cancelling the subscription (which closes the connection),
 * as soon as it exceeds the limit, or at once when the declared Content-Length already does: memory
 * spent on one answer never exceeds the limit, whatever the agent sends.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private long declared = -1;
    private Flow.Subscription subscription;
    private volatile long received;
    private boolean aborted;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    /** The body handler's step: remembers the declared length, so a too long answer is refused before its body. */
    BoundedBody declared(long contentLength) {
        this.declared = contentLength;
        return this;
    }

    long received() {
        return received;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (aborted) {
            s.cancel();
            return;
        }
        if (declared > limit) {
            s.cancel();
            result.completeExceptionally(new AnswerTooLarge(declared + " bytes declared"));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (buffer.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new AnswerTooLarge("over " + limit + " bytes"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.write(chunk, 0, chunk.length);
            received = buffer.size();
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public synchronized void onComplete() {
        result.complete(buffer.toByteArray());
    }

    /** The caller's deadline passed: stop reading and drop the connection. */
    synchronized void abort() {
        aborted = true;
        if (subscription != null) {
            subscription.cancel();
        }
        result.completeExceptionally(new java.util.concurrent.CancellationException("aborted"));
    }
}
