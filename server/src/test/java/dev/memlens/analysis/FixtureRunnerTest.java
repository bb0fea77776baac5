package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.fail;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.testing.TestSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture under {@code fixtures/analysis}: Python files whose trailing comments state the facts
 * expected after that line's statement. The annotation language (several per comment, separated by {@code ;}):
 * <ul>
 *   <li>{@code alias: a b} — a and b are one object on every execution (must); a name listed here that is
 *       must-aliased with a name not listed is reported too</li>
 *   <li>{@code noalias: a b} — not claimed as must (may is fine); {@code distinct: a b} — not even may</li>
 *   <li>{@code may: a b} — may-alias, not must</li>
 *   <li>{@code refs: x=2} — references held to x's object (exact), {@code refs: x=immortal}</li>
 *   <li>{@code mutates: a b} — the statement mutates an object that a and b see on every execution (exactly these
 *       names of the scope see it for sure)</li>
 *   <li>{@code copy: shallow shares N} / {@code copy: deep}</li>
 *   <li>{@code is: same|different|depends} — the verdict of the statement's {@code is} / {@code id()==id()}</li>
 * </ul>
 * A failure lists every difference of the file, expected and produced, with its line.
 */
class FixtureRunnerTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/analysis");
    /** The tour of the tutorial's snippets, read where the repository keeps it (one copy, shown to users too). */
    static final Path SEED_TOUR = Path.of("../examples/seed_tour.py");

    /** Every fixture, and the seed tour. */
    static List<Path> files() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".py")).sorted().toList());
        }
        files.add(SEED_TOUR);
        return files;
    }
    private static final Set<String> KEYS = Set.of("alias", "noalias", "distinct", "may", "refs", "mutates", "copy",
            "is");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        return files().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path file) throws IOException {
        TestSources.Parsed parsed = TestSources.parse(file);
        AnalysisResult r = Interpreter.analyze(parsed.module());
        List<String> diffs = diff(parsed.text(), r);
        if (!diffs.isEmpty()) {
            fail(file.getFileName() + ":\n  " + String.join("\n  ", diffs));
        }
    }

    static List<String> diff(String text, AnalysisResult r) {
        LineMap lines = new LineMap(text);
        Map<Integer, List<StatementFacts>> byLine = new HashMap<>();
        for (StatementFacts sf : r.statements()) {
            byLine.computeIfAbsent(lines.line(sf.stmt().span().start()) + 1, k -> new ArrayList<>()).add(sf);
        }
        List<String> diffs = new ArrayList<>();
        String[] src = text.split("\n", -1);
        for (int i = 0; i < src.length; i++) {
            int line = i + 1;
            Map<String, String> ann = annotations(src[i]);
            if (ann.isEmpty()) {
                continue;
            }
            List<StatementFacts> sfs = byLine.getOrDefault(line, List.of());
            if (sfs.isEmpty()) {
                diffs.add("line " + line + ": no facts (statement not reached)");
                continue;
            }
            StatementFacts sf = sfs.get(0);
            Set<String> must = pairs(sf.mustAlias());
            Set<String> may = pairs(sf.mayAlias());
            for (StatementFacts.Across a : sf.mayAliasAcross()) {
                for (String l : a.left()) {
                    for (String o : a.right()) {
                        may.add(l.compareTo(o) < 0 ? l + " " + o : o + " " + l);
                    }
                }
            }
            for (Map.Entry<String, String> a : ann.entrySet()) {
                String v = a.getValue();
                switch (a.getKey()) {
                    case "alias" -> {
                        for (String group : v.split("\\|")) {
                            List<String> names = List.of(group.trim().split("\\s+"));
                            Set<String> want = pairsOf(names);
                            for (String p : want) {
                                if (!must.contains(p)) {
                                    diffs.add("line " + line + ": expected must-alias " + p + ", got "
                                            + (may.contains(p) ? "may" : "none"));
                                }
                            }
                            for (String p : must) {
                                String[] ab = p.split(" ");
                                if ((names.contains(ab[0]) || names.contains(ab[1])) && !want.contains(p)
                                        && !mentionedElsewhere(v, p)) {
                                    diffs.add("line " + line + ": unexpected must-alias " + p);
                                }
                            }
                        }
                    }
                    case "noalias", "distinct", "may" -> {
                        List<String> names = List.of(v.trim().split("\\s+"));
                        for (String p : pairsOf(names)) {
                            if (must.contains(p)) {
                                diffs.add("line " + line + ": expected no must-alias " + p + ", got must");
                            } else if (a.getKey().equals("distinct") && may.contains(p)) {
                                diffs.add("line " + line + ": expected " + p + " distinct, got may");
                            } else if (a.getKey().equals("may") && !may.contains(p)) {
                                diffs.add("line " + line + ": expected may-alias " + p + ", got none");
                            }
                        }
                    }
                    case "refs" -> {
                        for (String kv : v.trim().split("\\s+")) {
                            String[] p = kv.split("=");
                            RefCount rc = sf.refcounts().get(p[0]);
                            String got = rc == null ? "nothing" : rc.toString();
                            if (!got.equals(p[1])) {
                                diffs.add("line " + line + ": expected refs " + kv + ", got " + got);
                            }
                        }
                    }
                    case "mutates" -> {
                        Set<String> want = new TreeSet<>(List.of(v.trim().split("\\s+")));
                        Set<String> got = new TreeSet<>();
                        boolean any = false;
                        for (MutationFact m : r.mutations()) {
                            if (within(sf.stmt(), m.site()) && m.scope().equals(sf.scope())) {
                                got.addAll(m.mustSee());
                                any = true;
                            }
                        }
                        if (!any || !got.equals(want)) {
                            diffs.add("line " + line + ": expected mutation seen by " + want + ", got "
                                    + (any ? got : "no mutation"));
                        }
                    }
                    case "copy" -> {
                        CopyFact got = null;
                        for (Map.Entry<Node, CopyFact> e : r.copies().entrySet()) {
                            if (within(sf.stmt(), e.getKey())) {
                                got = e.getValue();
                            }
                        }
                        String g = got == null ? "none" : got.depth() == CopyFact.Depth.DEEP ? "deep"
                                : "shallow shares " + got.sharedMutables();
                        if (!g.equals(v.trim())) {
                            diffs.add("line " + line + ": expected copy " + v.trim() + ", got " + g);
                        }
                    }
                    case "is" -> {
                        IdentityVerdict got = null;
                        for (Map.Entry<Node, IdentityVerdict> e : r.identities().entrySet()) {
                            if (within(sf.stmt(), e.getKey())) {
                                got = e.getValue();
                            }
                        }
                        String g = got == null ? "none" : got.answer().name().toLowerCase();
                        if (!g.equals(v.trim())) {
                            diffs.add("line " + line + ": expected is " + v.trim() + ", got " + g);
                        }
                    }
                    default -> { }
                }
            }
        }
        return diffs;
    }

    private static boolean mentionedElsewhere(String allGroups, String pair) {
        for (String group : allGroups.split("\\|")) {
            if (pairsOf(List.of(group.trim().split("\\s+"))).contains(pair)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(Stmt s, Node n) {
        return s.span().covers(n.span());
    }

    static Map<String, String> annotations(String line) {
        Map<String, String> out = new HashMap<>();
        int hash = commentStart(line);
        if (hash < 0) {
            return out;
        }
        for (String part : line.substring(hash + 1).split(";")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = part.substring(0, colon).trim();
            if (KEYS.contains(key)) {
                out.merge(key, part.substring(colon + 1).trim(), (a, b) -> a + " | " + b);
            }
        }
        return out;
    }

    /** The '#' starting the trailing comment, ignoring '#' inside string literals. */
    private static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> pairs(List<List<String>> groups) {
        Set<String> out = new TreeSet<>();
        for (List<String> g : groups) {
            out.addAll(pairsOf(g));
        }
        return out;
    }

    private static Set<String> pairsOf(List<String> names) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                out.add(a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
            }
        }
        return out;
    }
}
