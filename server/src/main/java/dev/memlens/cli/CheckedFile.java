package dev.memlens.cli;

import dev.memlens.rules.Finding;
import dev.memlens.syntax.LineMap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One checked file as the reports see it: the engine's result, the findings to show (a baseline may hide some),
 * a fingerprint for each, and the line map of the file's text for placing them.
 */
record CheckedFile(CheckEngine.FileResult result, List<Finding> findings, List<String> fingerprints, LineMap lines) {

    CheckedFile {
        findings = List.copyOf(findings);
        fingerprints = List.copyOf(fingerprints);
    }

    static CheckedFile of(CheckEngine.FileResult r) {
        // most files of a run have no finding: their line map would be a scan of the text for nothing
        LineMap lines = r.findings().isEmpty() ? null : new LineMap(r.text());
        return new CheckedFile(r, r.findings(), fingerprints(r.text(), lines, r.findings()), lines);
    }

    /** The line map of the file's text (made here for a file that had no finding to place). */
    @Override
    public LineMap lines() {
        return lines != null ? lines : new LineMap(result.text());
    }

    /** The same file showing only the findings whose index is in {@code keep}. */
    CheckedFile keeping(List<Integer> keep) {
        List<Finding> f = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (int i : keep) {
            f.add(findings.get(i));
            p.add(fingerprints.get(i));
        }
        return new CheckedFile(result, f, p, lines);
    }

    String path() {
        return result.path().toString();
    }

    /** The path without {@code ./} and with forward slashes, as URIs, GitHub and GitLab want it. */
    String slashPath() {
        return result.path().normalize().toString().replace('\\', '/');
    }

    /**
     * A finding's fingerprint survives edits elsewhere in the file: the SHA-256 (first 16 hex digits) of its code,
     * the text of its line with whitespace collapsed, and how many findings of that code on an identical line came
     * before it. Line numbers and messages (which name lines) are left out on purpose.
     */
    static List<String> fingerprints(String text, LineMap lines, List<Finding> findings) {
        List<String> out = new ArrayList<>(findings.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Finding f : findings) {
            int line = lines.line(Math.min(f.span().start(), text.length()));
            String content = text.substring(lines.lineStart(line), lines.lineEnd(line)).strip()
                    .replaceAll("\\s+", " ");
            String basis = f.code() + "\n" + content;
            int n = seen.merge(basis, 1, Integer::sum) - 1;
            out.add(sha256(basis + "\n" + n).substring(0, 16));
        }
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
