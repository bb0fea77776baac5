package dev.memlens.rules;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.FixtureAnnotations;
import dev.memlens.testing.Parsing;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The peers' cases ({@code fixtures/rules/peers/}, format in its README): each case is expected to be found, clean,
 * or out of scope by design. Prints recall over the in-scope cases and the false positives, and fails when a case
 * regresses (an expected finding missing, any finding on a line without {@code diag:}), when a case marked missed is
 * found (update the mark), or when recall drops below 95%.
 */
class PeersRecallTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/rules/peers");
    private static final Pattern CASE = Pattern.compile("^\\s*# case: (\\S+) (expect|expect-missed|clean|out-of-scope)\\b.*");

    private record Case(String file, int line, String peer, String kind, String text) {}

    @Test
    void peersCases() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "the peers' fixtures are missing from " + DIR);
        Map<Path, ParseResult> parsed = Parsing.parse(files);
        Checker checker = new Checker(RuleRegistry.all());
        int inScope = 0;
        int found = 0;
        int outOfScope = 0;
        int clean = 0;
        int falsePositives = 0;
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            ParseResult r = parsed.get(f);
            if (r.hasErrors()) {
                fail(f + " does not parse: " + r.errors());
            }
            String[] lines = Files.readString(f, StandardCharsets.UTF_8).split("\n", -1);
            List<TreeSet<String>> expected = new ArrayList<>();
            List<TreeSet<String>> actual = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                expected.add(new TreeSet<>());
                actual.add(new TreeSet<>());
            }
            for (FixtureAnnotations.Diag d : FixtureAnnotations.read(lines).diags()) {
                expected.get(d.line()).add(d.code());
            }
            LineMap map = new LineMap(r.source().text());
            List<String> errors = new ArrayList<>();
            for (Finding fd : checker.check(r, RuleSettings.DEFAULT.withSelect(List.of("ALL")), errors::add)) {
                actual.get(map.line(fd.span().start())).add(fd.code());
            }
            if (!errors.isEmpty()) {
                fail(String.join("\n", errors));
            }
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                Matcher m = CASE.matcher(lines[i]);
                if (m.matches()) {
                    cases.add(new Case(f.getFileName().toString(), i, m.group(1), m.group(2), lines[i].trim()));
                }
            }
            if (cases.isEmpty() || anyExpected(expected, 0, cases.get(0).line())) {
                fail(f + ": every expectation must sit inside a `# case:`");
            }
            for (int i = 0; i < cases.get(0).line(); i++) {
                if (!actual.get(i).isEmpty()) {
                    falsePositives += actual.get(i).size();
                    problems.add(f.getFileName() + ":" + (i + 1) + " reported outside any case: " + actual.get(i));
                }
            }
            for (int c = 0; c < cases.size(); c++) {
                Case k = cases.get(c);
                int end = c + 1 < cases.size() ? cases.get(c + 1).line() : lines.length;
                boolean anyExpected = anyExpected(expected, k.line(), end);
                boolean allFound = true;
                boolean anyProduced = false;
                for (int i = k.line(); i < end; i++) {
                    allFound &= actual.get(i).containsAll(expected.get(i));
                    anyProduced |= !actual.get(i).isEmpty();
                    TreeSet<String> extra = new TreeSet<>(actual.get(i));
                    extra.removeAll(expected.get(i));
                    if (!extra.isEmpty()) {
                        falsePositives += extra.size();
                        problems.add(k.file() + ":" + (i + 1) + " reported but not expected: " + extra + "  (" + k.text() + ")");
                    }
                }
                switch (k.kind()) {
                    case "expect" -> {
                        inScope++;
                        if (!anyExpected) {
                            problems.add(k.file() + ":" + (k.line() + 1) + " an expect case without a diag: line");
                        } else if (allFound) {
                            found++;
                        } else {
                            problems.add(k.file() + ":" + (k.line() + 1) + " REGRESSED, not found: " + k.text());
                        }
                    }
                    case "expect-missed" -> {
                        inScope++;
                        if (anyExpected && allFound) {
                            problems.add(k.file() + ":" + (k.line() + 1) + " is found now: mark it `expect`");
                        }
                    }
                    case "clean" -> {
                        clean++;
                        if (anyExpected) {
                            problems.add(k.file() + ":" + (k.line() + 1) + " a clean case with a diag: line");
                        }
                    }
                    default -> {
                        outOfScope++;
                        if (anyExpected || anyProduced) {
                            problems.add(k.file() + ":" + (k.line() + 1) + " out of scope but "
                                    + (anyExpected ? "expects" : "gets") + " a finding: " + k.text());
                        }
                    }
                }
            }
        }
        double recall = inScope == 0 ? 0 : 100.0 * found / inScope;
        System.out.printf("[peers] in-scope cases %d, found %d (recall %.1f%%), out of scope by design %d, clean %d, "
                + "false positives %d%n", inScope, found, recall, outOfScope, clean, falsePositives);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertTrue(recall >= 95.0, "recall over the in-scope cases fell below 95%: " + recall);
    }

    private static boolean anyExpected(List<TreeSet<String>> expected, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!expected.get(i).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
