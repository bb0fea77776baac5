package dev.memlens.rules;

/**
 * Where each rule's documentation lives and how its page reads. The pages are docs/rules/CODE.md in the
 * repository, generated from {@link Rule#explanation()} (a test keeps them equal). The LSP layer uses
 * {@link #href} for {@code codeDescription.href}; SARIF for {@code helpUri}.
 */
public final class RuleDocs {
    /** Base of the published rule pages; the one place to change when the docs move. */
    public static final String BASE_URL = "https://memlens.dev/rules/";
    public static final String HOME_URL = "https://memlens.dev/";

    private RuleDocs() {
    }

    public static String href(Rule r) {
        return BASE_URL + r.code();
    }

    /** The docs/rules/CODE.md page: title, metadata, then the explanation. */
    public static String page(Rule r) {
        return "# " + r.code() + " " + r.name() + "\n\n"
                + r.summary() + ".\n\n"
                + "Default severity: " + r.defaultSeverity().label() + ". "
                + (r.enabledByDefault() ? "On by default." : "Off by default.") + "\n\n"
                + r.explanation().strip() + "\n";
    }

    /** The "What it does" paragraph, for short descriptions. */
    public static String firstParagraph(Rule r) {
        String e = r.explanation();
        int start = e.indexOf("## What it does");
        if (start < 0) {
            return r.summary();
        }
        int from = e.indexOf('\n', start) + 1;
        int end = e.indexOf("\n## ", from);
        return e.substring(from, end < 0 ? e.length() : end).strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
