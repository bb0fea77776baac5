package dev.memlens.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Cuts the client's byte stream into message bodies ({@code Content-Length} framing) so that no content can move the
 * boundaries: a body is always read to its declared end, whatever becomes of it later (lsp4j's own reader stops
 * where its JSON parser gave up, and an 8 KB JSON array then leaves the rest of the body to be read as headers).
 * When the stream is out of step anyway (a wrong length from a broken client), the next {@code Content-Length}
 * header, even one glued to the end of a line of leftovers, brings it back in step.
 */
final class MessageFrames {

    /** What the stream holds next. */
    sealed interface Frame {
    }

    /** A whole body in the charset its header named. */
    record Body(byte[] bytes, Charset charset) implements Frame {
        String text() {
            return new String(bytes, charset);
        }
    }

    /**
     * A body longer than the limit, skipped without being kept: {@code head} is its beginning, where the request's
     * id usually is.
     */
    record Oversized(long length, byte[] head, Charset charset) implements Frame {
    }

    /** The end of the stream. */
    record End() implements Frame {
    }

    static final int HEAD_BYTES = 4096;
    private static final String LENGTH = "content-length:";
    private static final String TYPE = "content-type:";
    /** A header line is short: of a longer run of leftovers only the tail can hold the header that follows them. */
    private static final int MAX_LINE = 1024;

    private final InputStream in;
    private final long maxBody;
    private final Consumer<String> problems;

    /**
     * @param maxBody  the largest body kept in memory; longer ones become {@link Oversized}
     * @param problems told, one line each, about what was skipped to get back in step
     */
    MessageFrames(InputStream in, long maxBody, Consumer<String> problems) {
        this.in = in;
        this.maxBody = maxBody;
        this.problems = problems;
    }

    /** The next frame; blocks until it is complete. */
    Frame next() throws IOException {
        long length = -1;
        Charset charset = StandardCharsets.UTF_8;
        StringBuilder line = new StringBuilder();
        long skipped = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return new End();
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                    if (line.length() > MAX_LINE) {
                        skipped += line.length() - MAX_LINE / 2;
                        line.delete(0, line.length() - MAX_LINE / 2);
                    }
                }
                continue;
            }
            String text = line.toString();
            line.setLength(0);
            if (text.isEmpty()) {
                if (length >= 0) {
                    break;
                }
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            int at = lower.lastIndexOf(LENGTH);
            if (at >= 0) {
                skipped += at;
                long parsed = parseLength(text.substring(at + LENGTH.length()).trim());
                if (parsed < 0) {
                    problems.accept("header with an invalid length skipped: " + abbreviate(text));
                    length = -1;
                } else {
                    length = parsed;
                }
            } else if (lower.startsWith(TYPE)) {
                charset = charsetOf(text.substring(TYPE.length()));
            } else if (!isHeader(text)) {
                skipped += text.length() + 1;
            }
        }
        if (skipped > 0) {
            problems.accept(skipped + " bytes between messages skipped: they were not a header");
        }
        if (length > maxBody) {
            byte[] head = in.readNBytes((int) Math.min(HEAD_BYTES, length));
            long rest = length - head.length;
            while (rest > 0) {
                long n = in.skip(rest);
                if (n <= 0) {
                    if (in.read() < 0) {
                        return new End();
                    }
                    n = 1;
                }
                rest -= n;
            }
            return new Oversized(length, head, charset);
        }
        byte[] body = readBody((int) length);
        return body == null ? new End() : new Body(body, charset);
    }

    private byte[] readBody(int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 1 << 16));
        byte[] buffer = new byte[1 << 16];
        int rest = length;
        while (rest > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, rest));
            if (n < 0) {
                return null;
            }
            out.write(buffer, 0, n);
            rest -= n;
        }
        return out.toByteArray();
    }

    /** {@code Name: value} with a name of letters, digits and dashes: another header, ignored. */
    private static boolean isHeader(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Digits only (no sign, no fraction); -1 when not a length at all. */
    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }

    /** The header's {@code charset=} (the specification allows only utf-8; its old name utf8 is accepted). */
    private Charset charsetOf(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType.substring(at + "charset=".length()).trim();
        int end = name.indexOf(';');
        name = end < 0 ? name : name.substring(0, end).trim();
        if (name.equalsIgnoreCase("utf8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            problems.accept("unknown charset " + abbreviate(name) + ": read as utf-8");
            return StandardCharsets.UTF_8;
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
