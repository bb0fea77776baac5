package dev.memlens.features;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.analysis.RefCount;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.judges.Judges;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.PythonVersion;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The refcount fixtures ({@code fixtures/refcount-versions}) run under each CPython judge present — the machine's
 * python3 (3.11 here), 3.13 under pyenv, 3.14 and 3.15 in Pyodide — recording what every
 * {@code print(sys.getrefcount(name))} printed; MemLens' prediction for that same version must agree at every call.
 * Prints the number of cases per version (exact counts and not-a-count objects apart).
 */
class RefcountVersionsTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/refcount-versions");

    @ParameterizedTest(name = "CPython 3.{0}")
    @ValueSource(ints = {11, 13, 14, 15})
    void predictionsAgreeWithCPython(int minor) throws Exception {
        List<String> python;
        if (minor >= 14) {
            Optional<String> missing = Judges.pyodideMissing("3." + minor);
            assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
            python = Judges.pyodide("3." + minor);
        } else {
            Optional<List<String>> cpython = Judges.cpython(minor);
            assumeTrue(cpython.isPresent(), "no CPython 3." + minor + " here (pyenv or python3." + minor + ")");
            python = cpython.get();
        }
        PythonVersion target = new PythonVersion(minor);
        Path oracle = oracleScript();
        int exact = 0;
        int notACount = 0;
        List<String> disagreements = new ArrayList<>();
        List<Path> fixtures;
        try (var s = Files.list(DIR)) {
            fixtures = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        for (Path fixture : fixtures) {
            JsonObject printed = run(python, oracle, fixture.toAbsolutePath());
            assertEquals(target.toString(), printed.get("version").getAsString(), "the judge's version");
            JsonObject lines = printed.getAsJsonObject("lines");
            String text = Files.readString(fixture);
            DocumentAnalysis a = new StandardAnalyzer(new ProjectRules()).analyze(
                    new SourceText(fixture.toString(), text), 0, Cancellation.NEVER, target);
            assertTrue(a.facts() != null && a.parse().errors().isEmpty(), "analyzed: " + a.parse().errors());
            LineMap map = new LineMap(text);
            int calls = 0;
            for (Stmt st : allStatements(a)) {
                StatementFacts sf = a.index().after(st);
                List<Expr.Name> args = new ArrayList<>();
                AstWalker.preorder(st, n -> {
                    if (n instanceof Expr.Call c && RefcountHints.isGetrefcount(c) && c.args().size() == 1
                            && c.args().get(0) instanceof Expr.Name arg) {
                        args.add(arg);
                    }
                });
                for (Expr.Name arg : args) {
                    calls++;
                    int line = map.position(arg.span().start(), LineMap.Encoding.UTF16).line() + 1;
                    String where = fixture.getFileName() + ":" + line + " getrefcount(" + arg.id() + ")";
                    if (!lines.has(Integer.toString(line))) {
                        disagreements.add(where + ": never ran");
                        continue;
                    }
                    RefCount rc = sf == null ? null : sf.refcounts().get(arg.id());
                    if (rc == null) {
                        disagreements.add(where + ": MemLens predicts nothing");
                        continue;
                    }
                    GetrefcountPrediction p = GetrefcountPrediction.of(rc, target,
                            GetrefcountPrediction.borrowed(a.scopes(), arg, target));
                    if (p.notACount()) {
                        notACount++;
                    } else {
                        exact++;
                    }
                    for (var v : lines.getAsJsonArray(Integer.toString(line))) {
                        if (!p.agrees(v.getAsLong())) {
                            disagreements.add(where + ": CPython " + target + " printed " + v.getAsLong()
                                    + ", MemLens predicts " + (p.notACount() ? "not a count" : p.printed()));
                        }
                    }
                }
            }
            assertEquals(lines.size(), calls, fixture + ": every getrefcount call that ran is predicted");
        }
        System.out.printf("refcounts vs CPython %s: %d cases (%d counts, %d not-a-count objects), %d disagree%n",
                target, exact + notACount, exact, notACount, disagreements.size());
        disagreements.forEach(System.out::println);
        assertTrue(exact > 10, "too few cases");
        assertEquals(List.of(), disagreements);
    }

    private static List<Stmt> allStatements(DocumentAnalysis a) {
        List<Stmt> out = new ArrayList<>();
        AstWalker.preorder(a.parse().module(), n -> {
            if (n instanceof Stmt.Expression s) { // print(sys.getrefcount(name)): simple statements only
                out.add(s);
            }
        });
        return out;
    }

    private static Path oracleScript() throws IOException {
        Path tmp = Files.createTempFile("getrefcount_oracle", ".py");
        try (InputStream in = RefcountVersionsTest.class.getResourceAsStream("/analysis/getrefcount_oracle.py")) {
            Files.write(tmp, in.readAllBytes());
        }
        tmp.toFile().deleteOnExit();
        return tmp;
    }

    private static JsonObject run(List<String> python, Path script, Path fixture) throws Exception {
        List<String> cmd = new ArrayList<>(python);
        cmd.add(script.toString());
        cmd.add(fixture.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, "the oracle failed: " + out);
        return JsonParser.parseString(out).getAsJsonObject();
    }
}
