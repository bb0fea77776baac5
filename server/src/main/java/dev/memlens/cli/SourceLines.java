package dev.memlens.cli;

/**
 * Counts lines the way every figure MemLens and {@code scripts/bench-python-ast.py} print counts them: Python's
 * {@code len(data.splitlines())} over the raw bytes, so a line ends at {@code \n}, {@code \r\n} or a lone
 * {@code \r}, and a last line without a break still counts.
 */
final class SourceLines {
    private SourceLines() {
    }

    static int count(byte[] bytes) {
        int lines = 0;
        int n = bytes.length;
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lines++;
            } else if (b == '\r') {
                lines++;
                if (i + 1 < n && bytes[i + 1] == '\n') {
                    i++;
                }
            }
        }
        if (n > 0 && bytes[n - 1] != '\n' && bytes[n - 1] != '\r') {
            lines++;
        }
        return lines;
    }
}
