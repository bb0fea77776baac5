package dev.memlens.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing input while it still fails (delta debugging): whole lines first, then ever smaller byte chunks.
 * Bounded by a number of tries, since each try runs the whole pipeline.
 */
final class Minimizer {

    private final Predicate<byte[]> stillFails;
    private final int maxTries;
    private int tries;

    Minimizer(Predicate<byte[]> stillFails, int maxTries) {
        this.stillFails = stillFails;
        this.maxTries = maxTries;
    }

    int tries() {
        return tries;
    }

    byte[] minimize(byte[] input) {
        List<byte[]> lines = splitLines(input);
        lines = shrink(lines);
        byte[] current = join(lines);
        for (int chunk = Math.max(1, current.length / 8); chunk >= 1 && tries < maxTries; chunk /= 2) {
            current = join(shrink(chunks(current, chunk)));
            if (chunk == 1) {
                break;
            }
        }
        return current;
    }

    /** Removes pieces (halves, quarters, ... single pieces) while the rest still fails. */
    private List<byte[]> shrink(List<byte[]> pieces) {
        int n = 2;
        while (pieces.size() >= 2 && tries < maxTries) {
            int size = Math.max(1, pieces.size() / n);
            boolean removed = false;
            for (int start = 0; start < pieces.size() && tries < maxTries; start += size) {
                List<byte[]> without = new ArrayList<>(pieces.subList(0, start));
                without.addAll(pieces.subList(Math.min(pieces.size(), start + size), pieces.size()));
                tries++;
                if (stillFails.test(join(without))) {
                    pieces = without;
                    n = Math.max(n - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (size == 1) {
                    break;
                }
                n = Math.min(pieces.size(), n * 2);
            }
        }
        return pieces;
    }

    private static List<byte[]> splitLines(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                lines.add(Arrays.copyOfRange(input, start, i + 1));
                start = i + 1;
            }
        }
        if (start < input.length) {
            lines.add(Arrays.copyOfRange(input, start, input.length));
        }
        return lines;
    }

    private static List<byte[]> chunks(byte[] input, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < input.length; i += size) {
            out.add(Arrays.copyOfRange(input, i, Math.min(input.length, i + size)));
        }
        return out;
    }

    private static byte[] join(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
