package dev.memlens.syntax;

import dev.memlens.judges.Judges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CPython 3.14's own standard library (the .py files of {@code python_stdlib.zip} in the {@code pyodide@314.0.8} npm
 * package), judged by CPython 3.14.2 itself running in Pyodide: our verdicts (target 3.14) must equal its
 * {@code ast.parse} file for file, and the (kind, line, column) of every node must agree. Skipped without node or
 * the package (see {@link Judges}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Stdlib314CorpusTest {
    private Path root;
    private Fidelity.Report report;

    @BeforeAll
    void compareWithCPython314() throws Exception {
        var missing = Judges.pyodideMissing("3.14");
        assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        root = Files.createTempDirectory("stdlib314");
        int files = unzipSources(Judges.pyodidePackage("3.14").resolve("python_stdlib.zip"), root);
        System.out.println("CPython 3.14 stdlib: " + files + " .py files");
        report = Fidelity.compare(Judges.pyodide("3.14"), PythonVersion.PY314, root, false);
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (root != null) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int unzipSources(Path zip, Path into) throws IOException {
        int n = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.isDirectory() || !e.getName().endsWith(".py")) {
                    continue;
                }
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    continue; // an entry naming a path outside the folder
                }
                Files.createDirectories(out.getParent());
                Files.copy(z, out);
                n++;
            }
        }
        return n;
    }

    @Test
    void rejectsExactlyTheFilesCPython314Rejects() {
        assertTrue(report.files > 500, "too few files: " + report.files);
        assertEquals(report.cpythonRejected, report.ourRejected);
    }

    @Test
    void nodePositionsAgreeWithCPython314() {
        System.out.printf("AST fidelity vs CPython 3.14: %d files (%d identical), %d nodes, %d matched, %.4f%%%n",
                report.files, report.filesIdentical, report.nodes, report.matched, 100 * report.agreement());
        report.differences.stream().limit(20).forEach(System.out::println);
        assertTrue(report.nodes > 400_000, "too few nodes: " + report.nodes);
        assertEquals(report.nodes, report.matched, () -> "first differences:\n"
                + String.join("\n", report.differences.subList(0, Math.min(20, report.differences.size()))));
    }
}
