package dev.memlens.cli;

import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Finding;
import dev.memlens.syntax.LineMap;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --format junit}: JUnit XML, which CI servers show as test results. One test suite per file: each finding
 * is a failed test case ({@code CODE at line:column}), a clean file one passing case, a skipped file one skipped
 * case; partial analyses are the suite's {@code system-out}.
 */
final class JunitReport implements CheckReport {
    private final PrintWriter out;
    private final StringBuilder suites = new StringBuilder();
    private int tests;
    private int failures;
    private int skipped;

    JunitReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        String path = xml(file.path());
        int cases = Math.max(1, file.findings().size());
        boolean skip = file.result().skipped() != null;
        suites.append(String.format(Locale.ROOT,
                "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n", path, cases,
                file.findings().size(), skip ? 1 : 0));
        if (skip) {
            suites.append("    <testcase name=\"memlens\" classname=\"").append(path).append("\">\n")
                    .append("      <skipped message=\"").append(xml(file.result().skipped())).append("\"/>\n")
                    .append("    </testcase>\n");
        } else if (file.findings().isEmpty()) {
            suites.append("    <testcase name=\"memlens\" classname=\"").append(path).append("\"/>\n");
        }
        for (Finding f : file.findings()) {
            LineMap.Position at = file.lines().position(f.span().start(), LineMap.Encoding.UTF32);
            String where = (at.line() + 1) + ":" + (at.column() + 1);
            suites.append("    <testcase name=\"").append(f.code()).append(" at ").append(where)
                    .append("\" classname=\"").append(path).append("\">\n")
                    .append("      <failure type=\"").append(f.code()).append("\" message=\"")
                    .append(xml(f.code() + " " + f.name() + ": " + f.message())).append("\">")
                    .append(xml(file.path() + ":" + where + ": " + f.code() + " " + f.message()))
                    .append("</failure>\n    </testcase>\n");
        }
        if (!file.result().partials().isEmpty()) {
            suites.append("    <system-out>");
            for (PartialAnalysis p : file.result().partials()) {
                suites.append(xml("partially analyzed: " + p.message())).append('\n');
            }
            suites.append("</system-out>\n");
        }
        suites.append("  </testsuite>\n");
        tests += cases;
        failures += file.findings().size();
        skipped += skip ? 1 : 0;
    }

    @Override
    public void end(CheckSummary summary) {
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf(Locale.ROOT, "<testsuites name=\"memlens check\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
                + "skipped=\"%d\">%n", tests, failures, skipped);
        out.print(suites);
        out.println("</testsuites>");
        out.flush();
    }

    /** Text for an XML attribute or element; characters XML 1.0 cannot carry are dropped. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                default -> {
                    if (c == '\t' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF
                            && (c < 0xD800 || c > 0xDFFF)) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
