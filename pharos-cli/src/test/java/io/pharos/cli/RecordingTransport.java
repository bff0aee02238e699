package io.pharos.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The network seam for unit tests: keeps every request the CLI builds (with its body read out) and answers
 * the queued replies in order. No server, no sockets.
 */
final class RecordingTransport implements Transport {
    record Sent(HttpRequest request, byte[] body) {
        String method() {
            return request.method();
        }

        String uri() {
            return request.uri().toString();
        }

        String header(String name) {
            return request.headers().firstValue(name).orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer: a status and body, or an exception to throw as if the network failed. */
    record Answer(int status, String body, IOException failure) {}

    final List<Sent> sent = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    RecordingTransport answer(int status, String body) {
        answers.add(new Answer(status, body, null));
        return this;
    }

    RecordingTransport fail(IOException failure) {
        answers.add(new Answer(0, null, failure));
        return this;
    }

    @Override
    public Reply send(HttpRequest request) throws IOException {
        sent.add(new Sent(request, read(request)));
        Answer answer = answers.poll();
        if (answer == null) throw new AssertionError("unexpected request " + request.method() + " " + request.uri());
        if (answer.failure() != null) throw answer.failure();
        return new Reply(answer.status(), "application/json",
                new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
    }

    Sent only() {
        if (sent.size() != 1) throw new AssertionError("expected one request, got " + sent.size() + ": " + sent);
        return sent.getFirst();
    }

    /** Reads a request's body the way the HTTP client would: by subscribing to its publisher. */
    static byte[] read(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) return new byte[0];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        try {
            return done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read the request body", e);
        }
    }
}
