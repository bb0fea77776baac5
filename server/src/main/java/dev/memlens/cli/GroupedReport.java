package dev.memlens.cli;

import dev.memlens.rules.Finding;
import dev.memlens.syntax.LineMap;

import java.io.PrintWriter;

/** {@code --format grouped}: the path once, then its findings indented, {@code line:column CODE message}. */
final class GroupedReport implements CheckReport {
    private final PrintWriter out;

    GroupedReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        if (file.findings().isEmpty()) {
            return;
        }
        out.println(file.path() + ":");
        for (Finding f : file.findings()) {
            LineMap.Position at = file.lines().position(f.span().start(), LineMap.Encoding.UTF32);
            out.println("  " + (at.line() + 1) + ":" + (at.column() + 1) + " " + f.code() + " ["
                    + f.severity().label() + "] " + f.message().replace('\n', ' '));
        }
        out.println();
        out.flush();
    }
}
