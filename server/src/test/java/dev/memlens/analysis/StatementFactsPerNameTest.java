package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memlens.testing.TestSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link StatementFacts#mustAliasOf} and {@link StatementFacts#pointsToOf} answer for one name what
 * {@link StatementFacts#mustAlias} and {@link StatementFacts#pointsTo} answer for all: asked first, before the summary
 * of every name exists (the hints' path), they must give the same answers, for every name of every statement of
 * every fixture.
 */
class StatementFactsPerNameTest {

    @TestFactory
    Stream<DynamicTest> sameAnswersAsTheWholeSummary() throws IOException {
        List<Path> files = new ArrayList<>(FixtureRunnerTest.files());
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/fixtures"))) {
            s.filter(p -> p.toString().endsWith(".py") && !p.startsWith(FixtureRunnerTest.DIR)).sorted()
                    .forEach(files::add);
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
    }

    @Test
    void aModuleOfManyGlobalsGroupsOnlyTheAliases() throws IOException {
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            src.append("v").append(i).append(" = [").append(i).append("]\n");
        }
        src.append("w = v7\nz = w\n");
        Path file = Files.createTempFile("many-globals", ".py");
        try {
            Files.writeString(file, src.toString());
            AnalysisResult r = Interpreter.analyze(TestSources.parse(file).module());
            List<StatementFacts> all = r.statements();
            StatementFacts last = all.get(all.size() - 1);
            assertEquals(List.of("v7", "w", "z"), last.mustAliasOf("z"));
            assertEquals(List.of(), last.mustAliasOf("v8"));
            assertEquals(List.of(), last.mustAliasOf("no_such_name"));
            check(file);
        } finally {
            Files.delete(file);
        }
    }

    private static void check(Path file) throws IOException {
        // two analyses of one text: the per-name questions go to facts whose summary was never made
        List<StatementFacts> perName = Interpreter.analyze(TestSources.parse(file).module()).statements();
        List<StatementFacts> whole = Interpreter.analyze(TestSources.parse(file).module()).statements();
        assertEquals(whole.size(), perName.size(), file + ": statements");
        int compared = 0;
        for (int i = 0; i < whole.size(); i++) {
            StatementFacts w = whole.get(i);
            StatementFacts p = perName.get(i);
            Map<String, Pts> pointsTo = w.pointsTo();
            List<List<String>> groups = w.mustAlias();
            String where = file + " line of offset " + w.stmt().span().start() + ": ";
            for (String name : pointsTo.keySet()) {
                List<String> expected = List.of();
                for (List<String> g : groups) {
                    if (g.contains(name)) {
                        expected = g;
                    }
                }
                assertEquals(expected, p.mustAliasOf(name), where + "must-alias group of " + name);
                assertEquals(pointsTo.get(name), p.pointsToOf(name), where + "points-to of " + name);
                compared++;
            }
            assertEquals(null, p.pointsToOf("__no_such_name__"), where);
            // once the summary exists, the per-name answers come from it and still agree
            for (String name : pointsTo.keySet()) {
                List<String> group = w.mustAliasOf(name);
                assertTrue(group.isEmpty() || groups.contains(group), where + name);
            }
        }
        assertTrue(compared > 0 || whole.isEmpty() || whole.stream().allMatch(s -> s.pointsTo().isEmpty()),
                file + ": nothing compared");
    }
}
