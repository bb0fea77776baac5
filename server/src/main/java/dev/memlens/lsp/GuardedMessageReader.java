package dev.memlens.lsp;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The server's reader of the protocol stream, in place of lsp4j's {@code StreamMessageProducer}: frames with
 * {@link MessageFrames}, judges each envelope with {@link MessageScreen}, and only then lets lsp4j parse the params
 * and dispatch. Every request gets exactly one answer (from here when lsp4j would give none or the wrong one),
 * notifications none, and no message, however broken, stops the reading of the next.
 */
final class GuardedMessageReader implements MessageProducer, Closeable {

    /** The longest body kept: far above any real document (a 50,000-line file is about 2 MB). */
    static final long MAX_BODY = 64L << 20;

    private final InputStream in;
    private final MessageJsonHandler json;
    private final RemoteEndpoint endpoint;
    private final MessageScreen screen;
    private final Function<String, ResponseError> gate;
    private final ServerLog log;
    private volatile boolean running;

    /**
     * @param gate what a request for a method gets instead of being served (before initialize, after shutdown),
     *             or null to serve it
     */
    GuardedMessageReader(InputStream in, MessageJsonHandler json, RemoteEndpoint endpoint,
                         Map<String, JsonRpcMethod> localMethods, Function<String, ResponseError> gate, ServerLog log) {
        this.in = in;
        this.json = json;
        this.endpoint = endpoint;
        this.screen = new MessageScreen(localMethods);
        this.gate = gate;
        this.log = log;
    }

    @Override
    public void listen(MessageConsumer consumer) {
        running = true;
        MessageFrames frames = new MessageFrames(in, MAX_BODY, problem -> log.warn("protocol: " + problem));
        while (running) {
            MessageFrames.Frame frame;
            try {
                frame = frames.next();
            } catch (IOException e) {
                log.debug("protocol input closed: " + e);
                return;
            }
            if (frame instanceof MessageFrames.End) {
                return;
            }
            if (frame instanceof MessageFrames.Oversized o) {
                act(MessageScreen.judgeUnreadable(new String(o.head(), o.charset()), "a body of " + o.length()
                        + " bytes is over the limit of " + MAX_BODY + "; skipped"), null, consumer);
            } else if (frame instanceof MessageFrames.Body b) {
                String text = b.text();
                MessageScreen.Verdict verdict;
                try {
                    verdict = screen.judge(text);
                } catch (RuntimeException | StackOverflowError e) {
                    log.error("protocol: a message could not be judged: " + Traces.of(e));
                    verdict = MessageScreen.judgeUnreadable(text, "could not be read");
                }
                act(verdict, text, consumer);
            }
        }
    }

    private void act(MessageScreen.Verdict verdict, String text, MessageConsumer consumer) {
        if (verdict instanceof MessageScreen.Drop d) {
            log.warn("protocol: " + d.reason());
        } else if (verdict instanceof MessageScreen.Refuse r) {
            log.warn("protocol: " + r.message());
            answer(r.id(), r.code().getValue(), r.message());
        } else if (verdict instanceof MessageScreen.Pass p) {
            deliver(p, text, consumer);
        }
    }

    private void deliver(MessageScreen.Pass pass, String text, MessageConsumer consumer) {
        boolean answerable = pass.kind() == MessageScreen.Kind.REQUEST
                || pass.kind() == MessageScreen.Kind.NOTIFICATION_WITH_ID;
        if (pass.kind() == MessageScreen.Kind.REQUEST || pass.kind() == MessageScreen.Kind.UNKNOWN_REQUEST) {
            ResponseError refused = gate.apply(pass.method());
            if (refused != null) {
                answer(pass.id(), refused.getCode(), refused.getMessage());
                return;
            }
        }
        if (pass.kind() == MessageScreen.Kind.UNKNOWN_REQUEST) {
            // lsp4j would answer a $/ request with null: the specification asks for MethodNotFound
            answer(pass.id(), ResponseErrorCode.MethodNotFound.getValue(), "unknown method "
                    + MessageFrames.abbreviate(pass.method()));
            return;
        }
        Message message;
        try {
            message = json.parseMessage(text);
        } catch (MessageIssueException e) {
            if (e.getRpcMessage() instanceof ResponseMessage) {
                endpoint.handle(e.getRpcMessage(), e.getIssues());
                return;
            }
            invalidParams(pass, answerable, describe(e.getIssues()));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            invalidParams(pass, answerable, String.valueOf(e.getMessage()));
            return;
        }
        try {
            if (pass.kind() == MessageScreen.Kind.NOTIFICATION_WITH_ID && message instanceof RequestMessage request) {
                NotificationMessage notification = new NotificationMessage();
                notification.setJsonHandler(json);
                notification.setJsonrpc(request.getJsonrpc());
                notification.setMethod(request.getMethod());
                notification.setParams(request.getParams());
                consumer.consume(notification);
                answer(pass.id(), ResponseErrorCode.InvalidRequest.getValue(), pass.method()
                        + " is a notification: it was handled as one, but a notification has no id to answer");
            } else {
                consumer.consume(message);
            }
        } catch (Throwable t) {
            // lsp4j has answered a request already when its handler threw; what is left is to say where it failed
            log.error((pass.method() == null ? "a response" : pass.method()) + " failed: " + Traces.of(t));
        }
    }

    private void invalidParams(MessageScreen.Pass pass, boolean answerable, String problem) {
        String message = (pass.method() == null ? "a message" : pass.method()) + ": params do not fit: "
                + MessageFrames.abbreviate(problem);
        log.warn("protocol: " + message + (answerable ? "" : "; ignored"));
        if (answerable) {
            answer(pass.id(), ResponseErrorCode.InvalidParams.getValue(), message);
        }
    }

    /** An error response through lsp4j's writer (the one every other response goes through), with no data. */
    private void answer(Either<String, Number> id, int code, String message) {
        RequestMessage request = new RequestMessage();
        request.setJsonHandler(json);
        request.setRawId(id);
        request.setMethod("");
        try {
            endpoint.handle(request, List.of(new MessageIssue(message, code)));
        } catch (RuntimeException e) {
            log.error("protocol: an error response could not be sent: " + Traces.of(e));
        }
    }

    private static String describe(List<MessageIssue> issues) {
        StringBuilder sb = new StringBuilder();
        for (MessageIssue issue : issues) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(issue.getText());
            if (issue.getCause() != null && issue.getCause().getMessage() != null) {
                sb.append(" (").append(issue.getCause().getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        running = false;
    }
}
