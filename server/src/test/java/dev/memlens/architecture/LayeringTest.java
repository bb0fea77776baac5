package dev.memlens.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of design.md: syntax -> semantics -> analysis -> rules -> features -> lsp/cli. A package never imports
 * one to its right, and {@code features} knows nothing of lsp4j. Read from the sources, so a new import that breaks
 * the order fails here with its file and line.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/memlens");
    private static final Map<String, Integer> RANK = Map.of("syntax", 0, "semantics", 1, "analysis", 2, "rules", 3,
            "features", 4, "lsp", 5, "cli", 5);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?dev\\.memlens\\.(\\w+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.memlens\\.(\\w+)\\.");

    @Test
    void noPackageImportsOneToItsRight() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(MAIN)) {
            for (Path p : s.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                String layer = MAIN.relativize(p).getName(0).toString();
                Integer rank = RANK.get(layer);
                if (rank == null) {
                    continue;
                }
                files++;
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String code = line.strip();
                    if (code.startsWith("package ") || code.startsWith("*") || code.startsWith("/*")
                            || code.startsWith("//")) {
                        continue; // documentation may name any layer
                    }
                    Matcher m = IMPORT.matcher(line);
                    Matcher q = QUALIFIED.matcher(line);
                    String used = m.find() ? m.group(1) : q.find() ? q.group(1) : null;
                    if (used != null && RANK.containsKey(used) && RANK.get(used) > rank) {
                        violations.add(MAIN.relativize(p) + ":" + (i + 1) + ": " + layer + " uses " + used);
                    }
                    if (layer.equals("features") && code.contains("org.eclipse.lsp4j")) {
                        violations.add(MAIN.relativize(p) + ":" + (i + 1) + ": features uses lsp4j");
                    }
                }
            }
        }
        assertTrue(files > 100, "the sources were found (" + files + " files)");
        assertEquals(List.of(), violations);
    }
}
