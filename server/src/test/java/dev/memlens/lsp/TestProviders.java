package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.CodeActionProvider;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.FeatureRegistry;
import dev.memlens.features.Finding;
import dev.memlens.features.HintCategory;
import dev.memlens.features.HoverItem;
import dev.memlens.features.HoverProvider;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.InlayHintProvider;
import dev.memlens.features.LabelPart;
import dev.memlens.features.Settings;
import dev.memlens.features.SourceLocation;
import dev.memlens.features.TextChange;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stand-ins for the real providers, just enough to see every field travel through the protocol. */
final class TestProviders {

    private TestProviders() {
    }

    static FeatureRegistry registry() {
        return FeatureRegistry.syntaxOnly()
                .with(new AliasHints())
                .with(new FailingHover())
                .with(new WordHover())
                .with(new MarkerFixes());
    }

    private static final Pattern ALIAS = Pattern.compile("(?m)^(\\w+) = (\\w+)$");

    /** After {@code y = x}: the hint "≡ x", x linking to the first line that binds it. */
    static final class AliasHints implements InlayHintProvider {
        @Override
        public HintCategory category() {
            return HintCategory.ALIAS;
        }

        @Override
        public List<InlayHintItem> hints(DocumentAnalysis a, Span range, Settings.Hints settings, Cancellation c) {
            List<InlayHintItem> out = new ArrayList<>();
            Matcher m = ALIAS.matcher(a.text());
            while (m.find()) {
                String target = m.group(2);
                Matcher def = Pattern.compile("(?m)^" + target + " = ").matcher(a.text());
                SourceLocation where = def.find() ? SourceLocation.here(new Span(def.start(), def.start()
                        + target.length())) : null;
                out.add(new InlayHintItem(m.end(), List.of(LabelPart.of("≡ "),
                        new LabelPart(target, "`" + m.group(1) + "` and `" + target + "` are **one** object", where)),
                        HintCategory.ALIAS, true, false));
            }
            return out;
        }
    }

    static final class FailingHover implements HoverProvider {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Optional<HoverItem> hover(DocumentAnalysis a, int offset, Settings s, Cancellation c) {
            throw new IllegalStateException("boom");
        }
    }

    /** The word under the cursor, as markdown. */
    static final class WordHover implements HoverProvider {
        @Override
        public String name() {
            return "word";
        }

        @Override
        public Optional<HoverItem> hover(DocumentAnalysis a, int offset, Settings s, Cancellation c) {
            String t = a.text();
            int start = offset;
            int end = offset;
            while (start > 0 && Character.isLetterOrDigit(t.charAt(start - 1))) {
                start--;
            }
            while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
                end++;
            }
            if (start == end) {
                return Optional.empty();
            }
            return Optional.of(new HoverItem("**name** `" + t.substring(start, end) + "`", new Span(start, end)));
        }
    }

    /** For each syntax error sent back: delete it (preferred); for any range: an uppercase refactoring. */
    static final class MarkerFixes implements CodeActionProvider {
        @Override
        public String name() {
            return "markers";
        }

        @Override
        public List<CodeActionItem> actions(DocumentAnalysis a, Span range, List<Finding> findings, Settings s,
                                            Cancellation c) {
            List<CodeActionItem> out = new ArrayList<>();
            for (Finding f : findings) {
                if (f.code().equals("syntax-error")) {
                    out.add(new CodeActionItem("Remove marker", CodeActionItem.QUICK_FIX,
                            List.of(new TextChange(f.range(), "")), true, List.of(f)));
                }
            }
            if (range.length() > 0) {
                String upper = a.text().substring(range.start(), range.end()).toUpperCase();
                out.add(new CodeActionItem("Uppercase", "refactor.rewrite",
                        List.of(new TextChange(range, upper)), false, List.of()));
            }
            return out;
        }
    }
}
