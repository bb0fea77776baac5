package dev.memlens.lsp;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.analysis.PartialAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code memlens/analysisStatus} carries (documented in vscode-extension/README.md) and what the log says. */
class AnalysisStatusTest {

    private static final List<PartialAnalysis> CUT = List.of(
            new PartialAnalysis("Parser.crackline", 120, PartialAnalysis.Cause.STEPS, "step budget: loop at line 120"),
            new PartialAnalysis("<module>", 1, PartialAnalysis.Cause.TIME, "time budget"));

    @Test
    void theNotificationNamesEachCutPartWithItsLineAndWhy() {
        JsonObject params = AnalysisStatus.params("file:///a.py", 7, CUT);
        assertEquals(JsonParser.parseString("""
                {"uri": "file:///a.py", "version": 7, "partial": [
                  {"scope": "Parser.crackline", "line": 120, "cause": "STEPS",
                   "detail": "step budget: loop at line 120"},
                  {"scope": "<module>", "line": 1, "cause": "TIME", "detail": "time budget"}]}"""), params);
    }

    @Test
    void aCompleteAnalysisClearsWithAnEmptyList() {
        assertEquals(0, AnalysisStatus.params("file:///a.py", 8, List.of()).getAsJsonArray("partial").size());
    }

    @Test
    void theLogLineListsThemAll() {
        assertEquals("analysis of file:///a.py v7 is partial: Parser.crackline (line 120): step budget: loop at "
                + "line 120; <module> (line 1): time budget", AnalysisStatus.describe("file:///a.py", 7, CUT));
    }
}
