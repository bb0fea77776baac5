package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.testing.TestSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The facts written with the running index of module names ({@link RunningNames}: each statement looks only at the
 * names that can be in a group or a pair) are the facts worked out from every name, statement by statement: on every
 * test source, on standard library modules with hundreds of globals, and on generated modules with more names than a small namespace holds (past {@link FieldMap#LARGE}, where
 * the index is used), rebinding, deleting, aliasing, escaping and importing them.
 */
class RunningNamesTest {

    @Test
    void testSourcesAndStandardLibraryModulesHaveTheSameFactsEitherWay() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".py")).sorted().toList());
        }
        assertTrue(files.size() > 50, "test sources found: " + files.size());
        // modules with hundreds of globals (constants, re-exports, star imports), where the index does the work
        Path stdlib = standardLibrary();
        if (stdlib != null) {
            for (String m : List.of("tkinter/constants.py", "stat.py", "token.py", "_pydecimal.py", "typing.py",
                    "argparse.py", "collections/__init__.py", "ssl.py", "socket.py", "os.py", "inspect.py")) {
                if (Files.isRegularFile(stdlib.resolve(m))) {
                    files.add(stdlib.resolve(m));
                }
            }
        }
        for (Path file : files) {
            TestSources.Parsed parsed = TestSources.parse(file);
            assertSame(file.toString(), parsed.text(), Interpreter.analyze(parsed.module()));
        }
        System.out.println("[running names] same facts either way for " + files.size() + " files");
    }

    /** The machine python3's standard library, or null (the index is still compared on the test sources). */
    private static Path standardLibrary() throws Exception {
        if (!TestSources.pythonAvailable()) {
            return null;
        }
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 && Files.isDirectory(Path.of(out)) ? Path.of(out) : null;
    }

    @Test
    void largeModulesHaveTheSameFactsEitherWay() {
        Map<String, String> modules = new LinkedHashMap<>();
        StringBuilder mixed = new StringBuilder("import m\nimport copy\n");
        for (int i = 0; i < 60; i++) {
            mixed.append("v").append(i).append(" = [").append(i).append("]\n");
            switch (i % 7) {
                case 0 -> mixed.append("a").append(i).append(" = v").append(i / 2).append('\n');
                case 1 -> mixed.append("u").append(i).append(" = m.f()\n");
                case 2 -> mixed.append("m.g(v").append(i).append(")\n");
                case 3 -> mixed.append("del v").append(i - 1).append('\n');
                case 4 -> mixed.append("v").append(i - 2).append(" = v").append(i).append('\n');
                case 5 -> mixed.append("if m.c:\n    w = v").append(i).append("\nelse:\n    w = []\n");
                default -> mixed.append("c").append(i).append(" = copy.copy(v").append(i).append(")\nd")
                        .append(i).append(" = {'k': v").append(i).append("}\n");
            }
        }
        mixed.append("for k in ['x', 'y']:\n    globals()[k] = m.f()\nt = v5\n");
        modules.put("mixed", mixed.toString());
        StringBuilder chain = new StringBuilder("a0 = []\n");
        for (int i = 1; i < 80; i++) {
            chain.append('a').append(i).append(" = a").append(i - 1).append('\n');
        }
        chain.append("a40 = []\na0.append(1)\n");
        modules.put("chain", chain.toString());
        StringBuilder holders = new StringBuilder("import m\nx = m.f()\n");
        for (int i = 0; i < 40; i++) {
            holders.append("h").append(i).append(" = x if m.c else []\n");
        }
        modules.put("holders", holders.toString());
        for (Map.Entry<String, String> e : modules.entrySet()) {
            ParseResult parsed = SourceParser.parse(e.getKey() + ".py",
                    e.getValue().getBytes(StandardCharsets.UTF_8));
            assertSame(e.getKey(), parsed.source().text(), Interpreter.analyze(parsed.module()));
        }
    }

    private static void assertSame(String file, String text, AnalysisResult r) {
        JsonObject running = FactsReport.toJson(file, text, r, true);
        JsonObject everyName = FactsReport.toJson(file, text, r, false);
        int i = 0;
        for (JsonElement e : everyName.getAsJsonArray("statements")) {
            assertEquals(e, running.getAsJsonArray("statements").get(i), file + ": statement " + i);
            i++;
        }
        assertEquals(everyName, running, file);
    }
}
