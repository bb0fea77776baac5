package dev.memlens.features;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user's {@code memlens.*} settings. Every field has a default, so a missing or broken setting never stops
 * anything; readers (LSP configuration, later pyproject.toml) fill in what they understand.
 */
public record Settings(Hints hints, Rules rules, LogLevel logLevel, int debounceMs, String docsBaseUrl,
                       Profile profile) {

    public static final int DEFAULT_DEBOUNCE_MS = 150;
    public static final int MAX_DEBOUNCE_MS = 10_000;
    /**
     * Where the rule pages (the repository's {@code docs/rules/CODE.md}) are published, as an absolute URL:
     * {@code CODE.md} is appended ({@code https://host/org/memlens/blob/main/docs/rules/}, or a checkout's
     * {@code file:///path/to/memlens/docs/rules/}), or {@code {code}} in it is replaced by the code. MemLens has no
     * published site, so the default is none: diagnostics then carry no {@code codeDescription}.
     */
    public static final String DEFAULT_DOCS_BASE_URL = "";
    public static final Settings DEFAULTS = new Settings(Hints.DEFAULTS, Rules.DEFAULTS, LogLevel.INFO,
            DEFAULT_DEBOUNCE_MS);

    public Settings {
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(logLevel, "logLevel");
        profile = profile == null ? Profile.WORKING : profile;
        debounceMs = Math.max(0, Math.min(debounceMs, MAX_DEBOUNCE_MS));
        docsBaseUrl = docsBaseUrl == null || docsBaseUrl.isBlank() ? DEFAULT_DOCS_BASE_URL : docsBaseUrl.strip();
        if (dev.memlens.rules.RuleDocs.checkBaseUrl(docsBaseUrl) != null) {
            docsBaseUrl = DEFAULT_DOCS_BASE_URL; // a relative or broken URL would not resolve: no link
        }
    }

    public Settings(Hints hints, Rules rules, LogLevel logLevel, int debounceMs, String docsBaseUrl) {
        this(hints, rules, logLevel, debounceMs, docsBaseUrl, Profile.WORKING);
    }

    public Settings(Hints hints, Rules rules, LogLevel logLevel, int debounceMs) {
        this(hints, rules, logLevel, debounceMs, DEFAULT_DOCS_BASE_URL);
    }

    /** These settings with another profile. */
    public Settings withProfile(Profile p) {
        return new Settings(hints, rules, logLevel, debounceMs, docsBaseUrl, p);
    }

    /**
     * {@code memlens.profile}: who is reading. {@code working} (the default) shows what a developer acts on;
     * {@code learning} adds an inline hint for every fact of the tutorial (aliases of immutables, ids, rebinding,
     * in-place mutation, caching).
     */
    public enum Profile { WORKING, LEARNING }

    /** The documentation page of a rule code, or null when no base URL is set. */
    public String docsUrl(String code) {
        return dev.memlens.rules.RuleDocs.href(code, docsBaseUrl);
    }

    /** Which reference counts to show. */
    public enum RefcountMode { OFF, ALIASED, ALL }

    public enum LogLevel { OFF, ERROR, WARNING, INFO, DEBUG }

    /** Level a rule is shown at; OFF drops it. */
    public enum RuleLevel {
        ERROR, WARNING, INFORMATION, HINT, OFF;

        public Severity severity() {
            return switch (this) {
                case ERROR -> Severity.ERROR;
                case WARNING -> Severity.WARNING;
                case INFORMATION -> Severity.INFORMATION;
                case HINT, OFF -> Severity.HINT;
            };
        }
    }

    /** {@code memlens.hints.*}: one switch per {@link HintCategory}. */
    public record Hints(boolean alias, boolean mutation, boolean copyDepth, RefcountMode refcount,
                        boolean identity) {
        public static final Hints DEFAULTS = new Hints(true, true, true, RefcountMode.ALIASED, true);

        public Hints {
            Objects.requireNonNull(refcount, "refcount");
        }

        public boolean enabled(HintCategory category) {
            return switch (category) {
                case ALIAS -> alias;
                case MUTATION -> mutation;
                case COPY_DEPTH -> copyDepth;
                case REFCOUNT -> refcount != RefcountMode.OFF;
                case IDENTITY -> identity;
            };
        }
    }

    /**
     * {@code memlens.rules.*}. {@code select} and {@code ignore} hold codes or code prefixes ({@code MEM1}); an empty
     * select means every rule. Syntax errors are not rules: select does not hide them, ignore and severity do.
     */
    public record Rules(List<String> select, List<String> ignore, Map<String, RuleLevel> severity) {
        public static final Rules DEFAULTS = new Rules(List.of(), List.of(), Map.of());

        public Rules {
            select = List.copyOf(select);
            ignore = List.copyOf(ignore);
            severity = Map.copyOf(severity);
        }
    }
}
