package dev.memlens.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Judges the JSON-RPC envelope of one message body before lsp4j reads it: lsp4j answers some malformed requests
 * with an error it cannot serialize (so never), throws on ids it cannot read, runs requests sent without an id and
 * treats unknown {@code $/} requests as answered. Each body gets one verdict: pass it on, answer it with an error
 * (requests only; a notification is never answered), or drop it with a reason for the log.
 */
final class MessageScreen {

    /** What an envelope is, by its {@code id} and {@code method}. */
    enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE,
        /** A notification method that came with an id: handled as the notification, and the id answered. */
        NOTIFICATION_WITH_ID,
        /** A request for a method nobody serves ({@code $/} ones included): answered MethodNotFound. */
        UNKNOWN_REQUEST,
    }

    sealed interface Verdict {
    }

    /** Hand the message to lsp4j. */
    record Pass(Kind kind, String method, Either<String, Number> id) implements Verdict {
    }

    /** Answer with an error; {@code id} null when the message has none that can be read. */
    record Refuse(Either<String, Number> id, ResponseErrorCode code, String message) implements Verdict {
    }

    /** Nothing to answer: only log. */
    record Drop(String reason) implements Verdict {
    }

    /** Reads a tree without recursion (gson's reader also stops at 255 levels of nesting). */
    private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

    private final Map<String, JsonRpcMethod> localMethods;

    /** @param localMethods the methods this side serves, with their kind (request or notification) */
    MessageScreen(Map<String, JsonRpcMethod> localMethods) {
        this.localMethods = localMethods;
    }

    Verdict judge(String body) {
        JsonElement tree;
        try {
            tree = parseStrict(body);
        } catch (IOException | RuntimeException e) {
            Envelope partial = Envelope.scan(body);
            String what = partial.method == null ? "" : " (" + MessageFrames.abbreviate(partial.method) + ")";
            if (partial.id == null) {
                return new Refuse(null, ResponseErrorCode.ParseError, "not valid JSON" + what + ": " + e.getMessage());
            }
            return new Refuse(partial.id, ResponseErrorCode.ParseError,
                    "the message" + what + " is not valid JSON: " + e.getMessage());
        }
        if (!tree.isJsonObject()) {
            return new Refuse(null, ResponseErrorCode.InvalidRequest,
                    "a message is a JSON object, not " + describe(tree));
        }
        JsonObject o = tree.getAsJsonObject();
        JsonElement rawId = o.get("id");
        JsonElement method = o.get("method");
        JsonElement jsonrpc = o.get("jsonrpc");
        boolean hasMethod = method != null && !method.isJsonNull();
        Either<String, Number> id = null;
        if (rawId != null && !rawId.isJsonNull()) {
            id = idOf(rawId);
            if (id == null || !isLsp4jId(rawId)) {
                if (!hasMethod) {
                    return new Drop("a response whose id is " + describe(rawId) + "; ignored");
                }
                return new Refuse(id, ResponseErrorCode.InvalidRequest,
                        "the id must be an integer or a string, not " + describe(rawId));
            }
        } else if (rawId != null && hasMethod) {
            return new Refuse(null, ResponseErrorCode.InvalidRequest, "the id of a request must not be null");
        }
        if (jsonrpc != null && !(jsonrpc.isJsonPrimitive() && jsonrpc.getAsJsonPrimitive().isString())) {
            return reject(id, hasMethod, ResponseErrorCode.InvalidRequest, "\"jsonrpc\" must be \"2.0\"");
        }
        if (!hasMethod) {
            if (id != null) {
                return new Pass(Kind.RESPONSE, null, id);
            }
            return new Refuse(null, ResponseErrorCode.InvalidRequest,
                    rawId == null ? "a message without a method nor an id" : "a response with a null id");
        }
        if (!(method.isJsonPrimitive() && method.getAsJsonPrimitive().isString())) {
            return reject(id, true, ResponseErrorCode.InvalidRequest, "the method must be a string, not "
                    + describe(method));
        }
        String name = method.getAsString();
        JsonElement params = o.get("params");
        if (params != null && !params.isJsonNull() && !params.isJsonObject() && !params.isJsonArray()) {
            return reject(id, true, ResponseErrorCode.InvalidParams, name + ": params must be an object or an array, "
                    + "not " + describe(params));
        }
        JsonRpcMethod local = localMethods.get(name);
        if (id == null) {
            if (local != null && !local.isNotification()) {
                return new Drop(name + " is a request but came without an id; ignored");
            }
            return new Pass(Kind.NOTIFICATION, name, null);
        }
        if (local == null) {
            return new Pass(Kind.UNKNOWN_REQUEST, name, id);
        }
        return new Pass(local.isNotification() ? Kind.NOTIFICATION_WITH_ID : Kind.REQUEST, name, id);
    }

    /** The id and method of a body that is too long to keep or not valid JSON, read from as far as it goes. */
    static Verdict judgeUnreadable(String head, String problem) {
        Envelope partial = Envelope.scan(head);
        String what = partial.method == null ? "a message" : MessageFrames.abbreviate(partial.method);
        if (partial.id == null) {
            return new Drop(what + ": " + problem);
        }
        return new Refuse(partial.id, ResponseErrorCode.InvalidRequest, what + ": " + problem);
    }

    private static Verdict reject(Either<String, Number> id, boolean hasMethod, ResponseErrorCode code,
                                  String message) {
        return id != null && hasMethod ? new Refuse(id, code, message) : new Drop(message);
    }

    /** JSON as RFC 8259 has it (no comments, single quotes or trailing data), whatever a lenient reader takes. */
    private static JsonElement parseStrict(String body) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        JsonElement tree = TREE.read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonParseException("data after the message");
        }
        return tree;
    }

    /** A string or a number as lsp4j's message adapter reads it (an {@code int}); other ids are answered here. */
    private static boolean isLsp4jId(JsonElement id) {
        JsonPrimitive p = id.getAsJsonPrimitive();
        if (p.isString()) {
            return true;
        }
        BigDecimal n = p.getAsBigDecimal();
        try {
            n.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** A string or a number as it came, else null. */
    static Either<String, Number> idOf(JsonElement id) {
        if (id == null || !id.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = id.getAsJsonPrimitive();
        if (p.isString()) {
            return Either.forLeft(p.getAsString());
        }
        if (p.isNumber()) {
            try {
                BigDecimal n = p.getAsBigDecimal();
                try {
                    return Either.forRight(n.intValueExact());
                } catch (ArithmeticException notAnInt) {
                    return Either.forRight(n);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Either<String, Number> numericId(String text) {
        try {
            return idOf(new JsonPrimitive(new BigDecimal(text)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "a boolean" : p.isNumber() ? "the number " + MessageFrames.abbreviate(p.getAsString())
                : "a string";
    }

    /** The top-level {@code id} and {@code method} of a message, as far as its text can be read. */
    private record Envelope(Either<String, Number> id, String method) {
        static Envelope scan(String text) {
            Either<String, Number> id = null;
            String method = null;
            try {
                JsonReader reader = new JsonReader(new StringReader(text));
                reader.setStrictness(Strictness.LENIENT);
                reader.beginObject();
                while (reader.hasNext() && (id == null || method == null)) {
                    String name = reader.nextName();
                    JsonToken token = reader.peek();
                    if (name.equals("id") && id == null && (token == JsonToken.STRING || token == JsonToken.NUMBER)) {
                        String value = reader.nextString();
                        id = token == JsonToken.STRING ? Either.forLeft(value) : numericId(value);
                    } else if (name.equals("method") && method == null && token == JsonToken.STRING) {
                        method = reader.nextString();
                    } else {
                        reader.skipValue();
                    }
                }
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // as far as it goes
            }
            return new Envelope(id, method);
        }
    }
}
