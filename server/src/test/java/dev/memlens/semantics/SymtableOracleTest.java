package dev.memlens.semantics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CPython is the oracle: its {@code symtable} module is CPython's own scope analysis. {@code symtable_dump.py}
 * dumps, per file, CPython's AST and symbol tables; we build our scope tree from the same AST and compare every
 * scope and every symbol. Runs only where {@code python3} (3.11+) is on the PATH.
 */
class SymtableOracleTest {

    @BeforeAll
    static void needsPython() {
        assumeTrue(CPythonAst.pythonAvailable(), "python3 >= 3.11 is not on the PATH");
    }

    private static SymtableComparison compare(List<String> files) throws Exception {
        SymtableComparison cmp = new SymtableComparison();
        int[] rejected = {0};
        CPythonAst.dump(files, dump -> {
            if (dump.get("ok").getAsBoolean()) {
                cmp.compareFile(dump);
            } else {
                rejected[0]++;
            }
        });
        System.out.println("symtable oracle: " + cmp.summary() + "; " + rejected[0] + " files CPython rejects");
        cmp.report.stream().limit(60).forEach(line -> System.out.println("  " + line));
        return cmp;
    }

    @Test
    void trickyFixturesAgreeWithCPythonExactly() throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/semantics/symtable"))) {
            s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(p -> files.add(p.toAbsolutePath().toString()));
        }
        assertTrue(files.size() >= 5);
        SymtableComparison cmp = compare(files);
        assertEquals(files.size(), cmp.files, "every fixture must be valid Python");
        assertEquals(0, cmp.scopeMismatches, String.join("\n", cmp.report));
        assertEquals(0, cmp.classificationMismatches, String.join("\n", cmp.report));
        assertEquals(0, cmp.flagMismatches, String.join("\n", cmp.report));
        assertEquals(0, cmp.qualnameMismatches, String.join("\n", cmp.report));
    }

    @Test
    void wholeStandardLibraryAgreesWithCPython() throws Exception {
        String stdlib = python("import sysconfig; print(sysconfig.get_paths()['stdlib'])").trim();
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(stdlib))) {
            s.filter(p -> p.toString().endsWith(".py"))
                    .filter(p -> !p.toString().contains("site-packages") && !p.toString().contains("dist-packages"))
                    .sorted()
                    .forEach(p -> files.add(p.toString()));
        }
        assumeTrue(files.size() > 100, "no standard library sources found under " + stdlib);
        SymtableComparison cmp = compare(files);
        assertTrue(cmp.files > files.size() * 9 / 10, "most of the stdlib must have been compared");
        assertEquals(0, cmp.scopeMismatches, String.join("\n", cmp.report));
        assertEquals(0, cmp.classificationMismatches, String.join("\n", cmp.report));
        assertEquals(0, cmp.qualnameMismatches, String.join("\n", cmp.report));
    }

    private static String python(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
