package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        // past RunningNames.GROUP_AS_CHANGE names one group is written as the change of the statement before's
        StringBuilder big = new StringBuilder("import m\nb0 = []\n");
        for (int i = 1; i < RunningNames.GROUP_AS_CHANGE + 100; i++) {
            big.append('b').append(i).append(" = b").append(i - 1).append('\n');
            if (i % 97 == 0) {
                big.append("del b").append(i / 2).append('\n');
            }
            if (i % 89 == 0) {
                big.append("b").append(i / 3).append(" = [b").append(i).append("]\n");
            }
        }
        big.append("c = b5\nb7 = []\nm.g(b0)\nd = b9\nb1 = None\n");
        modules.put("big-group", big.toString());
        StringBuilder holders = new StringBuilder("import m\nx = m.f()\n");
        for (int i = 0; i < 40; i++) {
            holders.append("h").append(i).append(" = x if m.c else []\n");
        }
        modules.put("holders", holders.toString());
        for (Map.Entry<String, String> e : modules.entrySet()) {
            ParseResult parsed = SourceParser.parse(e.getKey() + ".py",
                    e.getValue().getBytes(StandardCharsets.UTF_8));
            AnalysisResult r = Interpreter.analyze(parsed.module());
            assertSame(e.getKey(), parsed.source().text(), r);
            if (e.getKey().equals("big-group")) {
                long changed = 0;
                for (JsonElement st : FactsReport.toJson("big-group", parsed.source().text(), r, true)
                        .getAsJsonArray("statements")) {
                    changed += st.getAsJsonObject().has("mustAliasChanged") ? 1 : 0;
                }
                System.out.println("[running names] big-group: " + changed + " statements with a changed group");
                assertTrue(changed > 50, "statements with a group written as a change: " + changed);
            }
        }
    }

    private static void assertSame(String file, String text, AnalysisResult r) {
        JsonObject running = expanded(FactsReport.toJson(file, text, r, true));
        JsonObject everyName = FactsReport.toJson(file, text, r, false);
        JsonArray got = running.getAsJsonArray("statements");
        JsonArray want = everyName.getAsJsonArray("statements");
        assertEquals(want.size(), got.size(), file);
        for (int i = 0; i < want.size(); i++) {
            JsonObject w = want.get(i).getAsJsonObject().deepCopy();
            JsonObject g = got.get(i).getAsJsonObject().deepCopy();
            // a group written as a change is listed after the others: the same groups, maybe in another order
            assertEquals(groupSet(w.remove("mustAlias")), groupSet(g.remove("mustAlias")), file + ": statement " + i);
            assertEquals(w, g, file + ": statement " + i);
        }
        running.remove("statements");
        everyName.remove("statements");
        assertEquals(everyName, running, file);
    }

    /** The facts with each group written as a change ({@code mustAliasChanged}) listed in full in {@code mustAlias}. */
    static JsonObject expanded(JsonObject facts) {
        Map<String, List<Set<String>>> lastGroups = new HashMap<>();
        for (JsonElement e : facts.getAsJsonArray("statements")) {
            JsonObject st = e.getAsJsonObject();
            String scope = st.get("scope").getAsString();
            JsonArray must = st.getAsJsonArray("mustAlias");
            JsonElement changed = st.remove("mustAliasChanged");
            if (changed != null) {
                for (JsonElement c : changed.getAsJsonArray()) {
                    JsonObject change = c.getAsJsonObject();
                    String like = change.get("like").getAsString();
                    Set<String> group = new TreeSet<>(lastGroups.getOrDefault(scope, List.of()).stream()
                            .filter(g -> g.contains(like)).findFirst().orElseThrow(() -> new AssertionError(
                                    "no group with " + like + " before line " + st.get("line"))));
                    change.getAsJsonArray("plus").forEach(n -> group.add(n.getAsString()));
                    change.getAsJsonArray("minus").forEach(n -> group.remove(n.getAsString()));
                    JsonArray full = new JsonArray();
                    group.forEach(full::add);
                    must.add(full);
                }
            }
            List<Set<String>> groups = new ArrayList<>();
            for (JsonElement g : must) {
                Set<String> names = new TreeSet<>();
                g.getAsJsonArray().forEach(n -> names.add(n.getAsString()));
                groups.add(names);
            }
            lastGroups.put(scope, groups);
        }
        return facts;
    }

    private static Set<Set<String>> groupSet(JsonElement groups) {
        Set<Set<String>> out = new HashSet<>();
        for (JsonElement g : groups.getAsJsonArray()) {
            Set<String> names = new TreeSet<>();
            g.getAsJsonArray().forEach(n -> names.add(n.getAsString()));
            out.add(names);
        }
        return out;
    }
}
