package dev.memlens.syntax;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Compares our AST positions with CPython's: the multiset of (kind, line, UTF-8 column) of every stmt, expr and
 * pattern node, file by file. CPython's side comes from {@code syntax/ast_positions.py} run once for all files.
 */
final class Fidelity {
    static final Path STDLIB = Path.of(System.getProperty("memlens.stdlib",
            "/root/.pyenv/versions/3.11.7/lib/python3.11"));

    /** Outcome of a comparison over a corpus. */
    static final class Report {
        int files;
        int nodes;
        int matched;
        int filesIdentical;
        final List<String> differences = new ArrayList<>();
        final Set<String> cpythonRejected = new TreeSet<>();
        final Set<String> ourRejected = new TreeSet<>();

        double agreement() {
            return nodes == 0 ? 1.0 : (double) matched / nodes;
        }
    }

    private Fidelity() {
    }

    static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import ast").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Path script() throws IOException {
        Path tmp = Files.createTempFile("ast_positions", ".py");
        try (var in = Fidelity.class.getResourceAsStream("/syntax/ast_positions.py")) {
            Files.write(tmp, in.readAllBytes());
        }
        tmp.toFile().deleteOnExit();
        return tmp;
    }

    /** Runs the CPython dump (optionally verdicts only) and compares with our parse of every file. */
    static Report compare(Path root, boolean verdictsOnly) throws IOException, InterruptedException {
        return compare(List.of("python3"), python3Version(), root, verdictsOnly);
    }

    /** The version of the {@code python3} on PATH, the target for the corpus it judges. */
    static PythonVersion python3Version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(f'3.{sys.version_info[1]}')").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        PythonVersion parsed = PythonVersion.parse(v);
        return parsed != null ? parsed : PythonVersion.LATEST;
    }

    /**
     * The same with another CPython: {@code python} is the command that runs a script (see
     * {@link dev.memlens.judges.Judges}), {@code target} its version, which our parse targets too.
     */
    static Report compare(List<String> python, PythonVersion target, Path root, boolean verdictsOnly)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(python);
        cmd.addAll(List.of(script().toString(), root.toString()));
        if (verdictsOnly) {
            cmd.add("--verdicts-only");
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Report report = new Report();
        Set<String> seen = new HashSet<>();
        try (JsonReader r = new JsonReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.beginObject();
            while (r.hasNext()) {
                String rel = r.nextName();
                if (rel.equals("__rejected__")) {
                    r.beginArray();
                    while (r.hasNext()) {
                        report.cpythonRejected.add(r.nextString());
                    }
                    r.endArray();
                    continue;
                }
                Map<String, Integer> theirs = new HashMap<>();
                r.beginArray();
                while (r.hasNext()) {
                    r.beginArray();
                    String key = r.nextString() + " " + r.nextInt() + ":" + r.nextInt();
                    r.endArray();
                    theirs.merge(key, 1, Integer::sum);
                }
                r.endArray();
                seen.add(rel);
                compareFile(root, rel, theirs, report, target);
            }
            r.endObject();
            while (r.peek() != JsonToken.END_DOCUMENT) {
                r.skipValue();
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("ast_positions.py failed");
        }
        if (verdictsOnly) {
            for (Path f : ParseBench.pythonFiles(root)) {
                String rel = root.relativize(f).toString();
                if (SourceParser.parse(rel, Files.readAllBytes(f), target).hasErrors()) {
                    report.ourRejected.add(rel);
                }
                report.files++;
            }
        } else {
            for (String rel : report.cpythonRejected) {
                if (SourceParser.parse(rel, Files.readAllBytes(root.resolve(rel)), target).hasErrors()) {
                    report.ourRejected.add(rel);
                }
            }
        }
        return report;
    }

    private static void compareFile(Path root, String rel, Map<String, Integer> theirs, Report report,
                                    PythonVersion target) throws IOException {
        ParseResult result = SourceParser.parse(rel, Files.readAllBytes(root.resolve(rel)), target);
        report.files++;
        if (result.hasErrors()) {
            report.ourRejected.add(rel);
        }
        Map<String, Integer> ours = rows(result);
        int total = 0;
        int matched = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, Integer> e : theirs.entrySet()) {
            int t = e.getValue();
            int o = ours.getOrDefault(e.getKey(), 0);
            total += t;
            matched += Math.min(t, o);
            if (o < t) {
                diffs.add("missing " + e.getKey() + " x" + (t - o));
            }
        }
        for (Map.Entry<String, Integer> e : ours.entrySet()) {
            int t = theirs.getOrDefault(e.getKey(), 0);
            if (e.getValue() > t) {
                diffs.add("extra   " + e.getKey() + " x" + (e.getValue() - t));
            }
        }
        report.nodes += total;
        report.matched += matched;
        if (diffs.isEmpty()) {
            report.filesIdentical++;
        } else {
            diffs.sort(null);
            report.differences.add(rel + ": " + String.join("; ", diffs.subList(0, Math.min(8, diffs.size()))));
        }
    }

    /** Our side of the dump, with CPython's kind names. */
    static Map<String, Integer> rows(ParseResult result) {
        LineMap lines = new LineMap(result.source().text());
        Map<String, Integer> out = new HashMap<>();
        Set<Node> kindOnly = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        AstWalker.preorder(result.module(), n -> {
            if (n instanceof Expr.JoinedStr j) {
                kindOnly.addAll(j.values());
            } else if (n instanceof Expr.TemplateStr t) {
                kindOnly.addAll(t.values());
            } else if (n instanceof Expr.FormattedValue f) {
                // see ast_positions.py: positions CPython 3.11 gets differently from 3.12+
                if (f.formatSpec() != null) {
                    kindOnly.add(f.formatSpec());
                }
                if (f.value() instanceof Expr.TupleDisplay) {
                    kindOnly.add(f.value());
                }
            } else if (n instanceof Expr.Interpolation i) {
                if (i.formatSpec() != null) {
                    kindOnly.add(i.formatSpec());
                }
                if (i.value() instanceof Expr.TupleDisplay) {
                    kindOnly.add(i.value());
                }
            }
            String kind = kind(n);
            if (kind == null) {
                return;
            }
            String key;
            if (kindOnly.contains(n)) {
                key = kind + " -1:-1";
            } else {
                LineMap.Position pos = lines.position(n.span().start(), LineMap.Encoding.UTF8);
                key = kind + " " + (pos.line() + 1) + ":" + pos.column();
            }
            out.merge(key, 1, Integer::sum);
        });
        return out;
    }

    static String kind(Node n) {
        if (n instanceof Stmt s) {
            if (s instanceof Stmt.FunctionDef f) {
                return f.isAsync() ? "AsyncFunctionDef" : "FunctionDef";
            }
            if (s instanceof Stmt.For f) {
                return f.isAsync() ? "AsyncFor" : "For";
            }
            if (s instanceof Stmt.With w) {
                return w.isAsync() ? "AsyncWith" : "With";
            }
            if (s instanceof Stmt.Try t) {
                return t.isStar() ? "TryStar" : "Try";
            }
            if (s instanceof Stmt.Expression) {
                return "Expr";
            }
            return s.getClass().getSimpleName();
        }
        if (n instanceof Expr e) {
            if (e instanceof Expr.ListDisplay) {
                return "List";
            }
            if (e instanceof Expr.TupleDisplay) {
                return "Tuple";
            }
            if (e instanceof Expr.SetDisplay) {
                return "Set";
            }
            if (e instanceof Expr.DictDisplay) {
                return "Dict";
            }
            return e.getClass().getSimpleName();
        }
        if (n instanceof Pattern p) {
            return p.getClass().getSimpleName();
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        Report r = compare(args.length > 0 ? Path.of(args[0]) : STDLIB, false);
        System.out.printf("files %d, identical %d, nodes %d, matched %d, agreement %.4f%%%n", r.files,
                r.filesIdentical, r.nodes, r.matched, 100 * r.agreement());
        System.out.println("cpython rejected " + r.cpythonRejected);
        System.out.println("we rejected      " + r.ourRejected);
        r.differences.stream().limit(args.length > 1 ? Integer.parseInt(args[1]) : 40).forEach(System.out::println);
    }
}
