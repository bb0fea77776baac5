package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings a team has accepted for now ({@code --baseline FILE}): a JSON file listing each by path (relative to
 * the baseline's directory, with forward slashes), code and {@link CheckedFile#fingerprints fingerprint}, so an
 * entry still matches after lines above it move. A listed finding is not reported; one more of the same kind on
 * an identical line is. The line and message are written for people reading the file, and not matched.
 */
final class Baseline {

    private final Path base;
    /** "path\ncode\nfingerprint" -> how many are accepted. */
    private final Map<String, Integer> accepted;

    private Baseline(Path base, Map<String, Integer> accepted) {
        this.base = base;
        this.accepted = accepted;
    }

    /** The baseline in {@code file}; a file that does not exist is an empty baseline (to be written). */
    static Baseline read(Path file) throws IOException {
        Map<String, Integer> accepted = new HashMap<>();
        Path base = file.toAbsolutePath().normalize().getParent();
        if (Files.exists(file)) {
            JsonObject o;
            try {
                o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new IOException("not a MemLens baseline (" + e.getMessage() + ")");
            }
            for (JsonElement e : o.getAsJsonArray("findings")) {
                JsonObject f = e.getAsJsonObject();
                accepted.merge(key(f.get("file").getAsString(), f.get("code").getAsString(),
                        f.get("fingerprint").getAsString()), 1, Integer::sum);
            }
        }
        return new Baseline(base, accepted);
    }

    private static String key(String path, String code, String fingerprint) {
        return path + "\n" + code + "\n" + fingerprint;
    }

    String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path rel = abs.startsWith(base) ? base.relativize(abs) : abs;
        return rel.toString().replace('\\', '/');
    }

    /** The file without the findings this baseline accepts (each entry accepts one finding). */
    synchronized CheckedFile filter(CheckedFile file) {
        if (accepted.isEmpty() || file.findings().isEmpty()) {
            return file;
        }
        String path = relative(file.result().path());
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < file.findings().size(); i++) {
            String k = key(path, file.findings().get(i).code(), file.fingerprints().get(i));
            Integer n = accepted.get(k);
            if (n != null && n > 0) {
                accepted.put(k, n - 1);
            } else {
                keep.add(i);
            }
        }
        return keep.size() == file.findings().size() ? file : file.keeping(keep);
    }

    /** Writes every finding of {@code files} as the new baseline (atomically: a reader sees the old or the new). */
    static void write(Path file, List<CheckedFile> files) throws IOException {
        Path base = file.toAbsolutePath().normalize().getParent();
        Baseline paths = new Baseline(base, Map.of());
        JsonArray findings = new JsonArray();
        for (CheckedFile f : files) {
            for (int i = 0; i < f.findings().size(); i++) {
                JsonObject o = new JsonObject();
                o.addProperty("file", paths.relative(f.result().path()));
                o.addProperty("code", f.findings().get(i).code());
                o.addProperty("fingerprint", f.fingerprints().get(i));
                o.addProperty("line", f.lines().line(f.findings().get(i).span().start()) + 1);
                o.addProperty("message", f.findings().get(i).message());
                findings.add(o);
            }
        }
        JsonObject doc = new JsonObject();
        doc.addProperty("memlensBaseline", 1);
        doc.add("findings", findings);
        Files.createDirectories(base);
        Path tmp = Files.createTempFile(base, ".memlens-baseline", ".tmp");
        try {
            Files.writeString(tmp, FindingFormats.GSON.toJson(doc) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
