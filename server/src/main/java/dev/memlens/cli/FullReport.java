package dev.memlens.cli;

import dev.memlens.rules.Finding;

import java.io.PrintWriter;

/** {@code --format full} (also {@code text}): each finding with its source line, a caret and its fixes. */
final class FullReport implements CheckReport {
    private final PrintWriter out;

    FullReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        for (Finding f : file.findings()) {
            out.print(FindingFormats.text(file, f));
        }
        out.flush();
    }
}
