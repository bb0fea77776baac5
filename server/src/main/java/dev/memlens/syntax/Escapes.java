package dev.memlens.syntax;

import java.util.Locale;
import java.util.Map;

/**
 * The escape sequences CPython rejects at parse time. Unknown escapes (backslash-q) are only warnings, but in a str
 * literal a truncated backslash-x, -u or -U escape ({@code "\x4"}), a code point above U+10FFFF, a malformed
 * backslash-N and an unknown character name are errors, and in a bytes literal a truncated backslash-x is. The
 * messages and byte positions are CPython 3.11's: the position counts the literal's body as CPython's decoder sees
 * it, where a non-ASCII character takes 10 bytes (it is rewritten as a backslash-U escape).
 */
final class Escapes {
    private Escapes() {
    }

    /** The error message for the first bad escape of a non-raw str body, or null. */
    static String checkStr(String body) {
        int n = body.length();
        if (body.indexOf('\\') < 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (body.charAt(i) != '\\' || i + 1 >= n) {
                continue;
            }
            char e = body.charAt(i + 1);
            String reason = null;
            int end = i + 2; // exclusive, in the body
            switch (e) {
                case 'x', 'u', 'U' -> {
                    int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int j = i + 2;
                    long v = 0;
                    while (j < n && j < i + 2 + count && Character.digit(body.charAt(j), 16) >= 0) {
                        v = v * 16 + Character.digit(body.charAt(j), 16);
                        j++;
                    }
                    if (j < i + 2 + count) {
                        reason = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape"
                                : "truncated \\UXXXXXXXX escape";
                        end = j;
                    } else if (v > Character.MAX_CODE_POINT) {
                        reason = "illegal Unicode character";
                        end = j;
                    }
                }
                case 'N' -> {
                    int j = i + 2;
                    if (j >= n || body.charAt(j) != '{') {
                        reason = "malformed \\N character escape";
                        end = Math.min(j, n);
                    } else {
                        int close = body.indexOf('}', j + 1);
                        if (close < 0) {
                            reason = "malformed \\N character escape";
                            end = n;
                        } else if (close == j + 1) {
                            reason = "malformed \\N character escape";
                            end = close;
                        } else if (!isCharacterName(body.substring(j + 1, close))) {
                            reason = "unknown Unicode character name";
                            end = close + 1;
                        }
                    }
                }
                default -> {
                }
            }
            if (reason != null) {
                return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + position(body, i) + "-"
                        + (position(body, end) - 1) + ": " + reason;
            }
            i++; // the escaped character is never the start of another escape
        }
        return null;
    }

    /** The error message for the first bad escape of a non-raw bytes body (ASCII only), or null. */
    static String checkBytes(String body) {
        int n = body.length();
        for (int i = 0; i < n; i++) {
            if (body.charAt(i) != '\\' || i + 1 >= n) {
                continue;
            }
            if (body.charAt(i + 1) == 'x' && !(isHex(body, i + 2) && isHex(body, i + 3))) {
                return "(value error) invalid \\x escape at position " + i;
            }
            i++;
        }
        return null;
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    /** Where CPython 3.11's decoder sees body index {@code index}: non-ASCII characters count 10, see above. */
    static int position(String body, int index) {
        int pos = 0;
        for (int i = 0; i < index && i < body.length(); ) {
            int cp = body.codePointAt(i);
            if (cp == '\\') {
                pos++;
                if (i + 1 >= body.length() || body.charAt(i + 1) >= 0x80) {
                    pos += 5; // written as \\u005c
                }
            } else {
                pos += cp < 0x80 ? 1 : 10;
            }
            i += Character.charCount(cp);
        }
        return pos;
    }

    /**
     * Whether {@code \N{name}} names a character: Java's name table (case-insensitive, as CPython), the names made by
     * rule (Hangul syllables, {@code CJK UNIFIED IDEOGRAPH-4E00} and the like), and the aliases of the control and
     * format characters. Java's table may lag CPython's Unicode version and does not have the few correction
     * aliases; those are rare in source code.
     */
    static boolean isCharacterName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.equals(upper.strip())) {
            return false; // Java trims, CPython does not
        }
        try {
            Character.codePointOf(upper);
            return true;
        } catch (IllegalArgumentException e) {
            // not a name Java knows: try the rules and aliases
        }
        int dash = upper.lastIndexOf('-');
        if (dash > 0 && (upper.startsWith("CJK UNIFIED IDEOGRAPH-") || upper.startsWith("CJK COMPATIBILITY IDEOGRAPH-")
                || upper.startsWith("TANGUT IDEOGRAPH-") || upper.startsWith("KHITAN SMALL SCRIPT CHARACTER-")
                || upper.startsWith("NUSHU CHARACTER-"))) {
            try {
                int cp = Integer.parseInt(upper.substring(dash + 1), 16);
                return upper.substring(dash + 1).length() >= 4 && Character.isDefined(cp);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (upper.startsWith("HANGUL SYLLABLE ")) {
            return isHangulSyllable(upper.substring("HANGUL SYLLABLE ".length()));
        }
        if (upper.startsWith("VS") && upper.length() > 2 && upper.length() <= 5
                && upper.substring(2).chars().allMatch(c -> c >= '0' && c <= '9')) {
            int n = Integer.parseInt(upper.substring(2));
            return n >= 1 && n <= 256 && !upper.startsWith("VS0"); // variation selectors
        }
        return isControlAlias(upper) || ABBREVIATIONS.containsKey(upper) || CONTROL_ABBREVIATIONS.contains(upper);
    }

    private static final String[] JAMO_L = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ",
            "C", "K", "T", "P", "H"};
    private static final String[] JAMO_V = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
            "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
    private static final String[] JAMO_T = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
            "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

    private static boolean isHangulSyllable(String s) {
        for (String l : JAMO_L) {
            if (!s.startsWith(l)) {
                continue;
            }
            for (String v : JAMO_V) {
                if (!s.startsWith(v, l.length())) {
                    continue;
                }
                String t = s.substring(l.length() + v.length());
                for (String x : JAMO_T) {
                    if (x.equals(t)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** C0 and C1 controls: Java names them like "LINE FEED (LF)"; CPython knows "LINE FEED" and "LF". */
    private static boolean isControlAlias(String upper) {
        for (int cp = 0; cp <= 0x9F; cp = cp == 0x1F ? 0x7F : cp + 1) {
            String javaName = Character.getName(cp);
            if (javaName == null) {
                continue;
            }
            int paren = javaName.indexOf(" (");
            String full = paren < 0 ? javaName : javaName.substring(0, paren);
            if (upper.equals(full)) {
                return true;
            }
            if (paren >= 0 && javaName.endsWith(")")) {
                for (String abbreviation : javaName.substring(paren + 2, javaName.length() - 1).split(" OR ")) {
                    if (upper.equals(abbreviation.strip())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Abbreviation aliases of the C0 and C1 controls (Java's names carry only some of them). */
    private static final java.util.Set<String> CONTROL_ABBREVIATIONS = java.util.Set.of("NUL", "SOH", "STX", "ETX",
            "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "TAB", "LF", "NL", "EOL", "VT", "FF", "CR", "SO", "SI", "DLE",
            "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EOM", "SUB", "ESC", "FS", "GS", "RS", "US",
            "DEL", "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI",
            "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGC", "SCI", "CSI", "ST",
            "OSC", "PM", "APC");

    /** Abbreviation aliases of format and space characters (Unicode's NameAliases, type "abbreviation"). */
    private static final Map<String, Integer> ABBREVIATIONS = Map.ofEntries(
            Map.entry("NBSP", 0xA0), Map.entry("SHY", 0xAD), Map.entry("CGJ", 0x34F), Map.entry("ALM", 0x61C),
            Map.entry("MVS", 0x180E), Map.entry("FVS1", 0x180B), Map.entry("FVS2", 0x180C),
            Map.entry("FVS3", 0x180D), Map.entry("FVS4", 0x180F), Map.entry("ZWSP", 0x200B),
            Map.entry("ZWNJ", 0x200C), Map.entry("ZWJ", 0x200D), Map.entry("LRM", 0x200E), Map.entry("RLM", 0x200F),
            Map.entry("LRE", 0x202A), Map.entry("RLE", 0x202B), Map.entry("PDF", 0x202C), Map.entry("LRO", 0x202D),
            Map.entry("RLO", 0x202E), Map.entry("NNBSP", 0x202F), Map.entry("MMSP", 0x205F),
            Map.entry("WJ", 0x2060), Map.entry("LRI", 0x2066), Map.entry("RLI", 0x2067), Map.entry("FSI", 0x2068),
            Map.entry("PDI", 0x2069), Map.entry("ZWNBSP", 0xFEFF), Map.entry("BYTE ORDER MARK", 0xFEFF),
            Map.entry("BOM", 0xFEFF), Map.entry("SP", 0x20));
}
