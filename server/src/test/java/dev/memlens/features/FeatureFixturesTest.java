package dev.memlens.features;

import dev.memlens.rules.RuleSettings;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import dev.memlens.testing.FixtureAnnotations;
import dev.memlens.testing.FixtureAnnotations.Diag;
import dev.memlens.testing.FixtureAnnotations.Expectations;
import dev.memlens.testing.FixtureAnnotations.Range;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixtures checked through {@code features}, as an editor would show them but without LSP: the diagnostics (code,
 * and where the fixture states them, message substring and range) of every fixture under {@code fixtures/rules} and
 * {@code fixtures/features}, and the inlay hint labels of those under {@code fixtures/features}. Every rule runs. A
 * line without a {@code diag:} expects no diagnostic; in {@code fixtures/features}, a line without {@code hint:}
 * expects no hint. The language: {@code src/test/resources/fixtures/README.md}.
 *
 * <p>{@code -Dmemlens.bless=true} rewrites the expectations of every fixture that differs to what was produced,
 * keeping the form each was written in (a message substring that still matches, carets, a range), and passes.
 */
class FeatureFixturesTest {
    static final Path RULES = Path.of("src/test/resources/fixtures/rules");
    static final Path FEATURES = Path.of("src/test/resources/fixtures/features");
    private static final boolean BLESS = Boolean.getBoolean("memlens.bless");

    /** A diagnostic as the fixture language sees it. */
    record Produced(int line, String code, String message, Range range) {
        String describe() {
            return code + " " + '"' + message + '"' + " " + range;
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(RULES, FEATURES)) {
            try (Stream<Path> s = Files.list(dir)) {
                files.addAll(s.filter(p -> p.toString().endsWith(".py")).sorted().toList());
            }
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(FEATURES.getParent().relativize(f).toString(),
                () -> check(f, f.startsWith(FEATURES))));
    }

    private static void check(Path file, boolean hintsChecked) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        Expectations expected = FixtureAnnotations.read(lines);
        List<String> problems = new ArrayList<>();
        DocumentAnalysis analysis = new StandardAnalyzer(new ProjectRules(problems::add), problems::add)
                .analyze(new SourceText(file.toString(), text), 1, Cancellation.NEVER);
        // every rule, whatever the rules' defaults (as RuleFixturesTest checks them)
        analysis = new DocumentAnalysis(analysis.source(), analysis.version(), analysis.lines(), analysis.parse(),
                analysis.scopes(), analysis.facts(), analysis.ruleFindings(),
                RuleSettings.DEFAULT.withSelect(List.of("ALL")), analysis.index());
        Features features = new Features(FeatureRegistry.standard(), m -> problems.add("feature " + m));
        Map<Integer, List<Produced>> diags = new HashMap<>();
        for (Finding f : features.diagnostics(analysis, Settings.DEFAULTS, Cancellation.NEVER)) {
            Produced p = produced(analysis.lines(), f);
            diags.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p);
        }
        Map<Integer, List<String>> hints = new HashMap<>();
        if (hintsChecked) {
            for (InlayHintItem h : features.inlayHints(analysis, new Span(0, text.length()), Settings.DEFAULTS,
                    Cancellation.NEVER)) {
                hints.computeIfAbsent(analysis.lines().line(h.offset()), k -> new ArrayList<>()).add(h.labelText());
            }
        }
        if (!problems.isEmpty()) {
            fail(file + ": " + String.join("\n", problems));
        }
        String diff = diff(lines, expected, diags, hints, hintsChecked);
        if (diff.isEmpty()) {
            return;
        }
        if (BLESS) {
            Files.writeString(file, FixtureBless.rewrite(lines, expected, diags, hints, hintsChecked),
                    StandardCharsets.UTF_8);
            System.out.println("blessed " + file);
            return;
        }
        fail(file.getFileName() + " differs from its expectations (- expected, + produced; "
                + "-Dmemlens.bless=true rewrites them):\n" + diff);
    }

    static Produced produced(LineMap map, Finding f) {
        int start = f.range().start();
        int last = Math.max(start, f.range().end() - 1);
        int line = map.line(start);
        int endLine = map.line(last);
        int startColumn = start - map.lineStart(line) + 1;
        int endColumn = f.range().end() > start ? last - map.lineStart(endLine) + 1 : startColumn - 1;
        return new Produced(line, f.code(), f.message(), new Range(startColumn, endLine - line, endColumn));
    }

    private static String diff(String[] lines, Expectations expected, Map<Integer, List<Produced>> diags,
                               Map<Integer, List<String>> hints, boolean hintsChecked) {
        Map<Integer, List<Diag>> wanted = new HashMap<>();
        for (Diag d : expected.diags()) {
            wanted.computeIfAbsent(d.line(), k -> new ArrayList<>()).add(d);
        }
        Map<Integer, List<String>> wantedHints = new HashMap<>();
        for (FixtureAnnotations.Hint h : expected.hints()) {
            wantedHints.computeIfAbsent(h.line(), k -> new ArrayList<>()).add(h.label());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            List<String> problems = new ArrayList<>();
            List<Produced> got = new ArrayList<>(diags.getOrDefault(i, List.of()));
            for (Diag d : wanted.getOrDefault(i, List.of())) {
                Produced match = null;
                for (Produced p : got) {
                    if (p.code().equals(d.code()) && (d.message() == null || p.message().contains(d.message()))
                            && (d.range() == null || d.range().equals(p.range()))) {
                        match = p;
                        break;
                    }
                }
                if (match == null) {
                    problems.add("- diag: " + d.code() + (d.message() == null ? "" : " \"" + d.message() + '"')
                            + (d.range() == null ? "" : " " + d.range()));
                } else {
                    got.remove(match);
                }
            }
            for (Produced p : got) {
                problems.add("+ diag: " + p.describe());
            }
            if (hintsChecked) {
                List<String> gotHints = new ArrayList<>(hints.getOrDefault(i, List.of()));
                for (String label : wantedHints.getOrDefault(i, List.of())) {
                    if (!gotHints.remove(label)) {
                        problems.add("- hint: " + label);
                    }
                }
                gotHints.forEach(label -> problems.add("+ hint: " + label));
            }
            if (!problems.isEmpty()) {
                out.append(String.format("%4d | %s%n", i + 1, lines[i]));
                problems.forEach(p -> out.append("       ").append(p).append('\n'));
            }
        }
        return out.toString();
    }
}
