package dev.memlens.rules;

/**
 * Where each rule's documentation lives and how its page reads. The pages are docs/rules/CODE.md in the
 * repository, generated from {@link Rule#explanation()} (a test keeps them equal). MemLens has no published web
 * site, so no URL is built in: {@link #path} is the page's path in the repository, and a deployment that
 * publishes the pages somewhere (a repository host's file view, a docs site) passes its base URL: the LSP's
 * {@code memlens.docs.baseUrl} setting ({@code codeDescription.href}), {@code memlens check --docs-base-url}
 * (SARIF {@code helpUri}).
 */
public final class RuleDocs {
    /** The rule pages' directory, relative to the repository root. */
    public static final String DIR = "docs/rules/";

    private RuleDocs() {
    }

    /** The page's path relative to the repository root: {@code docs/rules/MEM101.md}. */
    public static String path(Rule r) {
        return DIR + r.code() + ".md";
    }

    /**
     * The page's URL under a base, or null without one. The base is where the docs/rules/ pages are published:
     * {@code https://host/org/memlens/blob/main/docs/rules/} gives {@code .../docs/rules/MEM101.md}. A base holding
     * {@code {code}} is a template instead ({@code https://example.org/rules/{code}.html}).
     */
    public static String href(Rule r, /* nullable */ String baseUrl) {
        return href(r.code(), baseUrl);
    }

    public static String href(String code, /* nullable */ String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        if (baseUrl.contains("{code}")) {
            return baseUrl.replace("{code}", code);
        }
        return (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + code + ".md";
    }

    /** An absolute URI (scheme and all), as SARIF's helpUri and LSP's codeDescription.href require; else null. */
    public static String checkBaseUrl(String baseUrl) {
        try {
            java.net.URI u = new java.net.URI(baseUrl.replace("{code}", "MEM101"));
            return u.isAbsolute() ? null : "not an absolute URL (it needs a scheme such as https:)";
        } catch (java.net.URISyntaxException e) {
            return "not a valid URL: " + e.getMessage();
        }
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
