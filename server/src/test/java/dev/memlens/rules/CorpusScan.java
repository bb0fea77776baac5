package dev.memlens.rules;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.testing.CPythonAst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Dev tool for the precision review: runs every rule over a tree (e.g. the CPython stdlib) on CPython's AST and
 * prints {@code path:line: CODE message} per finding, then the count per rule. Usage:
 * {@code java -cp <test classpath> dev.memlens.rules.CorpusScan DIR [EXCLUDED_DIR_NAME...]}.
 */
public final class CorpusScan {
    /** Time spent per rule (and in building the shared context), summed over the files, best of 3 rounds. */
    private static void profile(Map<Path, ParseResult> parsed) {
        Map<String, Long> best = new TreeMap<>();
        for (int round = 0; round < 3; round++) {
            Map<String, Long> t = new TreeMap<>();
            for (ParseResult r : parsed.values()) {
                if (r.hasErrors()) {
                    continue;
                }
                long a = System.nanoTime();
                RuleContext ctx = new RuleContext(r.source().name(), r.source().text(), r.module());
                ctx.scopes();
                ctx.parent(r.module());
                ctx.lineMap();
                t.merge("context", System.nanoTime() - a, Long::sum);
                for (Rule rule : RuleRegistry.all()) {
                    long b = System.nanoTime();
                    rule.check(ctx, f -> { });
                    t.merge(rule.code(), System.nanoTime() - b, Long::sum);
                }
            }
            t.forEach((k, v) -> best.merge(k, v, Math::min));
        }
        best.forEach((k, v) -> System.out.printf("# %s %.2f s%n", k, v / 1e9));
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<String> excluded = List.of(args).subList(1, args.length);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (excluded.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    }).sorted().toList();
        }
        long t0 = System.nanoTime();
        Map<Path, ParseResult> parsed = CPythonAst.parse(files);
        long t1 = System.nanoTime();
        Checker checker = new Checker(RuleRegistry.all());
        if (Boolean.getBoolean("memlens.profile")) {
            profile(parsed);
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Rule r : RuleRegistry.all()) {
            counts.put(r.code(), 0);
        }
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, ParseResult> e : parsed.entrySet()) {
            ParseResult r = e.getValue();
            if (r.hasErrors()) {
                skipped++;
                continue;
            }
            LineMap lm = new LineMap(r.source().text());
            for (Finding f : checker.check(r, RuleSettings.DEFAULT, problems::add)) {
                counts.merge(f.code(), 1, Integer::sum);
                System.out.println(root.relativize(e.getKey()) + ":" + (lm.line(f.span().start()) + 1) + ": " + f.code()
                        + " " + f.message());
            }
        }
        long t2 = System.nanoTime();
        problems.forEach(System.out::println);
        System.out.println("# files " + files.size() + ", not parsed by CPython " + skipped + ", rule problems "
                + problems.size());
        System.out.printf("# CPython ast export %.1f s, rules %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        counts.forEach((k, v) -> System.out.println("# " + k + " " + v));
    }
}
