package dev.memlens.features;

import dev.memlens.syntax.ParseError;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.List;

/** Every syntax error of the parse as an error finding with code {@value #CODE}. */
public final class SyntaxErrorDiagnostics implements DiagnosticProvider {

    public static final String CODE = "syntax-error";

    @Override
    public String name() {
        return "syntax";
    }

    @Override
    public List<Finding> diagnostics(DocumentAnalysis analysis, Cancellation cancel) {
        int length = analysis.text().length();
        List<Finding> out = new ArrayList<>();
        for (ParseError error : analysis.parse().errors()) {
            out.add(new Finding(clamp(error.span(), length), Severity.ERROR, CODE, error.message()));
        }
        return out;
    }

    private static Span clamp(Span span, int length) {
        int start = Math.min(span.start(), length);
        return new Span(start, Math.max(start, Math.min(span.end(), length)));
    }
}
