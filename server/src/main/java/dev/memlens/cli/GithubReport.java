package dev.memlens.cli;

import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Severity;
import dev.memlens.syntax.LineMap;

import java.io.PrintWriter;

/**
 * {@code --format github}: GitHub Actions workflow commands ({@code ::warning file=...,line=...::message}), which
 * the runner turns into annotations on the pull request. Skipped files are errors, partial analyses notices.
 */
final class GithubReport implements CheckReport {
    private final PrintWriter out;

    GithubReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        String path = property(file.slashPath());
        if (file.result().skipped() != null) {
            out.println("::error file=" + path + ",title=" + property("MemLens: file skipped") + "::"
                    + data(file.result().skipped()));
        }
        for (PartialAnalysis p : file.result().partials()) {
            out.println("::notice file=" + path + ",line=" + p.line() + ",title="
                    + property("MemLens: partially analyzed") + "::" + data(p.message()));
        }
        for (Finding f : file.findings()) {
            LineMap.Position s = file.lines().position(f.span().start(), LineMap.Encoding.UTF32);
            LineMap.Position e = file.lines().position(f.span().end(), LineMap.Encoding.UTF32);
            out.println("::" + level(f.severity()) + " file=" + path + ",line=" + (s.line() + 1) + ",col="
                    + (s.column() + 1) + ",endLine=" + (e.line() + 1) + ",endColumn=" + (e.column() + 1) + ",title="
                    + property(f.code() + " " + f.name()) + "::" + data(f.message()));
        }
        out.flush();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFORMATION, HINT -> "notice";
        };
    }

    /** A command's message: %, CR and LF are escaped (the runner's own escaping rules). */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also ':' and ',', which would end it. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
