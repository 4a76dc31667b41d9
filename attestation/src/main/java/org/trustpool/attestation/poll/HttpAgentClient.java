package org.trustpool.attestation.poll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.trustpool.attestation.verify.Challenge;

/**
 * Host.getQuote over JSON-RPC 2.0 / HTTP POST, asynchronous so that many hosts wait for their
 * answers without a thread each. The answer is cut at {@link #MAX_ANSWER_BYTES} and the whole
 * exchange at the timeout: an agent can neither flood nor stall us.
 */
public final class HttpAgentClient implements AgentClient {

    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final QuoteAnswerParser parser;
    private final AtomicLong ids = new AtomicLong();

    public HttpAgentClient(HttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
        this.parser = new QuoteAnswerParser(mapper);
    }

    /** An HTTP/1.1 client that never follows redirects (an agent must not send us elsewhere). */
    public static HttpClient newHttpClient(Duration connectTimeout, java.util.concurrent.Executor executor) {
        return newHttpClient(connectTimeout, executor, null);
    }

    /** @param agentTls trust for agents served over https (AgentTrust), or null for the JDK's defaults */
    public static HttpClient newHttpClient(Duration connectTimeout, java.util.concurrent.Executor executor,
                                           javax.net.ssl.SSLContext agentTls) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (agentTls != null) {
            builder.sslContext(agentTls);
        }
        return builder
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
    }

    @Override
    public CompletableFuture<AgentAnswer> getQuote(URI agentUrl, Challenge challenge, Duration timeout) {
        long id = ids.incrementAndGet();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("nonce", HexFormat.of().formatHex(challenge.nonce()));
        params.put("pcrs", List.copyOf(challenge.pcrs()));
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("jsonrpc", "2.0");
        call.put("id", id);
        call.put("method", "Host.getQuote");
        call.put("params", params);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(agentUrl)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new AgentAnswer.Unreachable("agent_url " + agentUrl + " is unusable: "
                    + e.getMessage()));
        }
        long millis = timeout.toMillis();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new AgentAnswer.Unreachable("cannot send to " + agentUrl + ": " + e));
        }
        CompletableFuture<AgentAnswer> answer = exchange.handle((response, failure) -> {
            if (failure != null) {
                return transportFailure(agentUrl, millis, failure);
            }
            if (response.statusCode() != 200) {
                return new AgentAnswer.Refused("answer", "the agent answered HTTP " + response.statusCode());
            }
            return parser.parse(response.body(), id);
        });
        // HttpRequest.timeout stops at the response headers; this also cuts a body that trickles in
        CompletableFuture<AgentAnswer> bounded = answer.completeOnTimeout(
                new AgentAnswer.Unreachable("no answer within " + millis + " ms"), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        bounded.whenComplete((a, f) -> exchange.cancel(true));
        return bounded;
    }

    private static AgentAnswer transportFailure(URI url, long millis, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof AnswerTooLarge) {
            return new AgentAnswer.Refused("answer", "the agent's answer exceeds " + MAX_ANSWER_BYTES + " bytes");
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new AgentAnswer.Unreachable("no connection to " + url + " within " + millis + " ms");
        }
        if (t instanceof HttpTimeoutException) {
            return new AgentAnswer.Unreachable("no answer within " + millis + " ms");
        }
        if (t instanceof ConnectException) {
            return new AgentAnswer.Unreachable("connection to " + url + " refused (agent not running?)");
        }
        if (t instanceof IOException) {
            return new AgentAnswer.Unreachable("no answer from " + url + ": " + t.getClass().getSimpleName()
                    + (t.getMessage() != null ? " " + t.getMessage() : ""));
        }
        return new AgentAnswer.Unreachable("no answer from " + url + ": " + t);
    }

    static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("answer too large");
        }
    }

    /** Collects the body, giving up (and closing the connection) once it exceeds the limit. */
    static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buffer.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
