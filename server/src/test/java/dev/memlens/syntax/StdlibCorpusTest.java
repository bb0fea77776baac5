package dev.memlens.syntax;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole CPython standard library of this machine (including test/, excluding site-packages), parsed from bytes:
 * our verdicts must equal CPython's {@code ast.parse} file for file, and the (kind, line, column) of every stmt, expr
 * and pattern node must agree. CPython's side is computed at test time by {@code syntax/ast_positions.py} in one
 * Python process; the test needs {@code python3} on PATH and is skipped only when it is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StdlibCorpusTest {
    private Fidelity.Report report;

    @BeforeAll
    void compareWithCPython() throws Exception {
        assumeTrue(Fidelity.pythonAvailable(), "python3 is not on PATH");
        assumeTrue(java.nio.file.Files.isDirectory(Fidelity.STDLIB), "no stdlib at " + Fidelity.STDLIB);
        report = Fidelity.compare(Fidelity.STDLIB, false);
    }

    @Test
    void rejectsExactlyTheFilesCPythonRejects() {
        assertTrue(report.files > 1000, "too few files: " + report.files);
        assertTrue(report.cpythonRejected.size() >= 1, "CPython rejects nothing? " + report.cpythonRejected);
        assertEquals(report.cpythonRejected, report.ourRejected);
    }

    @Test
    void nodePositionsAgreeWithCPython() {
        System.out.printf("AST fidelity: %d files (%d identical), %d nodes, %d matched, %.4f%%%n", report.files,
                report.filesIdentical, report.nodes, report.matched, 100 * report.agreement());
        report.differences.stream().limit(20).forEach(System.out::println);
        assertTrue(report.nodes > 2_000_000, "too few nodes: " + report.nodes);
        assertEquals(report.nodes, report.matched, () -> "first differences:\n"
                + String.join("\n", report.differences.subList(0, Math.min(20, report.differences.size()))));
    }
}
