package dev.memlens.rules;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.FixtureAnnotations;
import dev.memlens.testing.Parsing;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one runner for rule fixtures: every {@code fixtures/rules/*.py} is checked with ALL rules; a line with
 * {@code # diag: MEM101 [MEM201 ...]} (or caret lines below it) must get exactly those codes, every other line none.
 * A failure shows the fixture with both sides marked.
 */
class RuleFixturesTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/rules");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        Map<Path, ParseResult> parsed = Parsing.parse(files);
        Checker checker = new Checker(RuleRegistry.all());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            ParseResult r = parsed.get(f);
            if (r.hasErrors()) {
                fail(f + " does not parse: " + r.errors());
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            List<TreeSet<String>> expected = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                expected.add(new TreeSet<>());
            }
            // the fixture language (fixtures/README.md); this runner checks the codes, FeatureFixturesTest the rest
            for (FixtureAnnotations.Diag d : FixtureAnnotations.read(lines).diags()) {
                expected.get(d.line()).add(d.code());
            }
            List<TreeSet<String>> actual = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                actual.add(new TreeSet<>());
            }
            LineMap map = new LineMap(r.source().text());
            List<String> problems = new ArrayList<>();
            for (Finding fd : checker.check(r, RuleSettings.DEFAULT.withSelect(List.of("ALL")), problems::add)) {
                actual.get(map.line(fd.span().start())).add(fd.code());
            }
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
            StringBuilder diff = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    TreeSet<String> missing = new TreeSet<>(expected.get(i));
                    missing.removeAll(actual.get(i));
                    TreeSet<String> extra = new TreeSet<>(actual.get(i));
                    extra.removeAll(expected.get(i));
                    diff.append(String.format("%4d | %s%n", i + 1, lines[i]));
                    if (!missing.isEmpty()) {
                        diff.append("     - expected but not reported: ").append(String.join(" ", missing)).append('\n');
                    }
                    if (!extra.isEmpty()) {
                        diff.append("     + reported but not expected: ").append(String.join(" ", extra)).append('\n');
                    }
                }
            }
            if (diff.length() > 0) {
                fail(f.getFileName() + " differs from its expectations:\n" + diff);
            }
        }));
    }
}
