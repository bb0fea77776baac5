package dev.memlens.syntax;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPython 3.x version that MemLens targets: which syntax is accepted and which memory facts apply where versions
 * differ (reference counts, immortality, interning). 3.8 is the oldest supported, 3.15 the newest and the default.
 */
public record PythonVersion(int minor) implements Comparable<PythonVersion> {

    public static final PythonVersion OLDEST = new PythonVersion(8);
    public static final PythonVersion LATEST = new PythonVersion(15);

    public static final PythonVersion PY39 = new PythonVersion(9);
    public static final PythonVersion PY310 = new PythonVersion(10);
    public static final PythonVersion PY311 = new PythonVersion(11);
    public static final PythonVersion PY312 = new PythonVersion(12);
    public static final PythonVersion PY313 = new PythonVersion(13);
    public static final PythonVersion PY314 = new PythonVersion(14);
    public static final PythonVersion PY315 = new PythonVersion(15);

    private static final Pattern VERSION = Pattern.compile("\\s*(?:py|python)?\\s*3\\.?(\\d+)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOWER_BOUND = Pattern.compile("(>=|==|~=|>)\\s*3\\.(\\d+)");

    public PythonVersion {
        if (minor < OLDEST_MINOR || minor > LATEST_MINOR) {
            throw new IllegalArgumentException("Python 3." + minor + " is not supported (3." + OLDEST_MINOR
                    + " to 3." + LATEST_MINOR + ")");
        }
    }

    private static final int OLDEST_MINOR = 8;
    private static final int LATEST_MINOR = 15;

    /**
     * {@code "3.14"} (also {@code "py314"}, {@code "314"}); null for anything else, or a version outside the
     * supported range.
     */
    public static PythonVersion parse(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = VERSION.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int minor = Integer.parseInt(m.group(1));
        return minor >= OLDEST_MINOR && minor <= LATEST_MINOR ? new PythonVersion(minor) : null;
    }

    /**
     * The oldest version a {@code requires-python} specifier allows ({@code ">=3.10"}, {@code "~=3.11.2"},
     * {@code ">=3.9,<4"}), clamped to the supported range; null when it names no lower bound.
     */
    public static PythonVersion fromRequiresPython(String spec) {
        if (spec == null) {
            return null;
        }
        Matcher m = LOWER_BOUND.matcher(spec);
        Integer lowest = null;
        while (m.find()) {
            int minor = Integer.parseInt(m.group(2)) + (m.group(1).equals(">") ? 1 : 0);
            lowest = lowest == null ? minor : Math.min(lowest, minor);
        }
        if (lowest == null) {
            return null;
        }
        return new PythonVersion(Math.max(OLDEST_MINOR, Math.min(LATEST_MINOR, lowest)));
    }

    public boolean atLeast(PythonVersion other) {
        return minor >= other.minor;
    }

    public boolean before(PythonVersion other) {
        return minor < other.minor;
    }

    @Override
    public int compareTo(PythonVersion o) {
        return Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return "3." + minor;
    }
}
