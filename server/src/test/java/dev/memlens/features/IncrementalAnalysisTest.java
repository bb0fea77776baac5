package dev.memlens.features;

import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An analysis made from the previous one (as the server does after each edit: the parse keeps the statements before
 * and after the edit) shows exactly what a fresh analysis of the new text shows: the same inlay hints over the whole
 * file, in both profiles, the same diagnostics and syntax errors. Checked over chains of random edits of the fixtures
 * and of a file like {@code memlens bench-lsp}'s, each analyzed from the one before.
 */
class IncrementalAnalysisTest {

    private static final String[] TYPED = {"x", "x = [1]\n", "y = x\n", "(", "'", "    ", "if x:\n    ", "#",
            "\n", "def g(a):\n    return a\n", ")", "import copy\n", "z = copy.copy(x)\n"};

    private final StandardAnalyzer analyzer = new StandardAnalyzer(new ProjectRules(), problem -> { });
    private final Features features = new Features(FeatureRegistry.standard(), message -> { });
    private static final Settings LEARNING = Settings.DEFAULTS.withProfile(Settings.Profile.LEARNING);

    @Test
    void anAnalysisFromThePreviousOneShowsWhatAFreshOneShows() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/fixtures"))) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                texts.add(Files.readString(p));
            }
        }
        texts = texts.subList(0, Math.min(texts.size(), 40));
        texts.add(benchLike(300));
        Random random = new Random(7);
        long tailsBefore = SourceParser.tailsKept();
        int compared = 0;
        for (int t = 0; t < texts.size(); t++) {
            String text = texts.get(t);
            String name = "file:///incremental/f" + t + ".py";
            DocumentAnalysis previous = analyzer.analyze(new SourceText(name, text), 1, Cancellation.NEVER);
            String current = text;
            for (int edit = 0; edit < 12; edit++) {
                // as while typing: an edit, then back to the text before it (or a second edit on top)
                String next = edit % 2 == 0 || edit % 6 == 5 ? typeAtLineStart(current, random) : text;
                SourceText source = new SourceText(name, next);
                DocumentAnalysis incremental = analyzer.analyze(source, edit + 2, Cancellation.NEVER, previous);
                DocumentAnalysis fresh = analyzer.analyze(source, edit + 2, Cancellation.NEVER);
                String where = name + " edit " + edit + ":\n" + next;
                assertEquals(fresh.parse().errors(), incremental.parse().errors(), where);
                assertEquals(fresh.parse().module(), incremental.parse().module(), where);
                Span all = new Span(0, next.length());
                for (Settings settings : List.of(Settings.DEFAULTS, LEARNING)) {
                    assertEquals(features.inlayHints(fresh, all, settings, Cancellation.NEVER),
                            features.inlayHints(incremental, all, settings, Cancellation.NEVER), where);
                }
                assertEquals(features.unfilteredDiagnostics(fresh, Cancellation.NEVER),
                        features.unfilteredDiagnostics(incremental, Cancellation.NEVER), where);
                // a viewport's statements are those of the whole file's list that overlap it
                int from = random.nextInt(next.length() + 1);
                Span viewport = new Span(from, Math.min(next.length(), from + random.nextInt(2000)));
                List<dev.memlens.syntax.ast.Stmt> overlapping = new ArrayList<>();
                for (dev.memlens.syntax.ast.Stmt st : incremental.index().statements()) {
                    if (st.span().end() >= viewport.start() && st.span().start() <= viewport.end()) {
                        overlapping.add(st);
                    }
                }
                assertEquals(overlapping, incremental.index().statementsIn(viewport), where);
                previous = incremental;
                current = next;
                compared++;
            }
        }
        long tails = SourceParser.tailsKept() - tailsBefore;
        System.out.println("incremental analysis: " + compared + " edits compared with fresh analyses, " + tails
                + " kept the statements after the edit");
        assertTrue(tails > compared / 4, tails + " of " + compared + " kept the statements after the edit");
    }

    private static String typeAtLineStart(String text, Random random) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        int at = 0;
        for (int line = random.nextInt(lines); line > 0 && at < text.length(); line--) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? text.length() : nl + 1;
        }
        return text.substring(0, at) + TYPED[random.nextInt(TYPED.length)] + text.substring(at);
    }

    /** Functions and assignments, as {@code memlens bench-lsp} generates them. */
    private static String benchLike(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; ) {
            if (i % 10 == 0) {
                sb.append("def function_").append(i).append("(items, seen=[]):\n    alias = items\n")
                        .append("    alias.append(len(seen))\n    return {'k': alias, 'n': ").append(i).append("}\n");
                i += 4;
            } else {
                sb.append("value_").append(i).append(" = [").append(i).append(", 'text', (1, 2)]\n");
                if (i % 7 == 0) {
                    sb.append("alias_").append(i).append(" = value_").append(i).append('\n');
                }
                i++;
            }
        }
        return sb.toString();
    }
}
