package dev.memlens.syntax;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broken file's slow parse starts at the first statement the fast stage could not take, keeping the statements
 * before it, and tries the fast stage again statement by statement: the result (AST, errors, token count) must be
 * exactly what the slow stage over the whole file gives. Checked on random
 * edits, mostly ones that break the file, of this repository's Python files and, when present, a sample of this
 * machine's standard library.
 */
class ResumeAtFailureTest {

    /** Edits that break code in the ways typing does: stray names, brackets, colons, quotes, indentation. */
    private static final String[] INSERTS = {"x", "(", ")", "[", "]", "{", ":", "'", "\"\"\"", "\n", "    ", "\n  ",
            "def ", "if x:\n", "else:", "lambda", ",", "=", "@", "#", "\\", "return", "class C(", "f'{", "import"};

    @Test
    void resumingEqualsStartingAtTheTopOnRandomEdits() throws IOException {
        List<Path> files = new ArrayList<>(pythonFiles(Paths.get("src/test/resources"), 1000));
        files.addAll(pythonFiles(Paths.get("../examples"), 1000));
        if (Files.isDirectory(Fidelity.STDLIB)) {
            List<Path> stdlib = pythonFiles(Fidelity.STDLIB, 4000);
            for (int i = 0; i < stdlib.size(); i += Math.max(1, stdlib.size() / 60)) {
                files.add(stdlib.get(i));
            }
        }
        assertTrue(files.size() >= 40, "too few files: " + files.size());
        Random random = new Random(7);
        int broken = 0;
        int compared = 0;
        for (Path file : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (text.length() > 200_000) {
                continue;
            }
            for (int edit = 0; edit < 12; edit++) {
                String edited = randomEdit(text, random);
                SourceText source = new SourceText(file.toString(), edited);
                ParseResult resumed = SourceParser.parse(source, true);
                ParseResult fromTop = SourceParser.parse(source, false);
                assertEquals(fromTop.errors(), resumed.errors(), () -> file + " edited:\n" + edited);
                assertEquals(fromTop.module(), resumed.module(), () -> file + " edited:\n" + edited);
                assertEquals(fromTop.tokenCount(), resumed.tokenCount());
                compared++;
                if (resumed.hasErrors()) {
                    broken++;
                }
            }
        }
        assertTrue(broken > compared / 3, broken + " of " + compared + " edits broke the file");
    }

    private static String randomEdit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        if (random.nextInt(4) == 0 && at < text.length()) {
            int end = Math.min(text.length(), at + 1 + random.nextInt(12));
            return text.substring(0, at) + text.substring(end);
        }
        return text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
    }

    private static List<Path> pythonFiles(Path root, int limit) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("site-packages"))
                    .sorted().limit(limit).toList();
        }
    }
}
