package dev.memlens.cli;

import dev.memlens.rules.Finding;
import dev.memlens.rules.Severity;
import dev.memlens.syntax.LineMap;

import java.io.PrintWriter;

/** {@code --format concise}: one line per finding, {@code path:line:column: CODE message}. */
final class ConciseReport implements CheckReport {
    private final PrintWriter out;

    ConciseReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        for (Finding f : file.findings()) {
            LineMap.Position at = file.lines().position(f.span().start(), LineMap.Encoding.UTF32);
            out.println(file.path() + ":" + (at.line() + 1) + ":" + (at.column() + 1) + ": " + f.code() + " "
                    + f.message().replace('\n', ' ')
                    + (f.severity() == Severity.WARNING ? "" : " [" + f.severity().label() + "]"));
        }
        out.flush();
    }
}
