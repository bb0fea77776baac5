package dev.memlens.syntax;

import dev.memlens.syntax.ast.Span;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a .py file into text the way CPython's tokenizer does (PEP 263, PEP 3120): a UTF-8 BOM, else a
 * {@code coding} declaration on line 1 or 2, else UTF-8; bytes that do not decode are a syntax error, not
 * replacement characters.
 */
public final class SourceDecoder {
    private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t\\f]*(?:[#\\r\\n]|$)");

    /** The decoded text, and the error that stopped decoding (then the text is what decoded before it). */
    public record Decoded(String text, /* nullable */ ParseError error) {
    }

    private SourceDecoder() {
    }

    public static Decoded decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF;
        int start = bom ? 3 : 0;
        String declared = declaredEncoding(bytes, start);
        Charset charset = StandardCharsets.UTF_8;
        if (declared != null) {
            String normal = normalize(declared);
            // CPython compares its own normal name, which maps utf-8-* but not utf8, to "utf-8"
            String n = declared.toLowerCase(Locale.ROOT).replace('_', '-');
            if (bom && !(n.equals("utf-8") || n.startsWith("utf-8-"))) {
                return new Decoded("", new ParseError("encoding problem: " + declared + " with BOM", Span.EMPTY));
            }
            try {
                charset = Charset.forName(normal);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return new Decoded("", new ParseError("unknown encoding: " + declared, Span.EMPTY));
            }
        }
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
            return new Decoded(text, null);
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, start, bytes.length - start, charset);
            return new Decoded(lenient, new ParseError(
                    "(unicode error) '" + charset.name().toLowerCase(Locale.ROOT) + "' codec can't decode the file",
                    Span.EMPTY));
        }
    }

    /** The declared encoding of line 1, or of line 2 when line 1 is blank or a comment; null if none. */
    private static String declaredEncoding(byte[] bytes, int start) {
        int end1 = lineEnd(bytes, start);
        String line1 = new String(bytes, start, end1 - start, StandardCharsets.ISO_8859_1);
        Matcher m = CODING.matcher(line1);
        if (m.find()) {
            return m.group(1);
        }
        if (!BLANK_OR_COMMENT.matcher(line1).find() || end1 >= bytes.length) {
            return null;
        }
        int start2 = end1;
        int end2 = lineEnd(bytes, start2);
        m = CODING.matcher(new String(bytes, start2, end2 - start2, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
            if (bytes[i] == '\r') {
                return i + 1 < bytes.length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
            }
        }
        return bytes.length;
    }

    /** CPython's own spelling rules: {@code utf_8}, {@code UTF8-unix} and {@code latin-1} are all accepted. */
    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("utf-8") || n.startsWith("utf-8-") || n.equals("utf8")) {
            return "utf-8";
        }
        for (String latin : new String[] {"latin-1", "iso-8859-1", "iso-latin-1"}) {
            if (n.equals(latin) || n.startsWith(latin + "-")) {
                return "iso-8859-1";
            }
        }
        if (n.equals("latin1")) {
            return "iso-8859-1";
        }
        return n;
    }
}
