package dev.memlens.cli;

import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.features.Cancellation;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.DocumentAnalyzer;
import dev.memlens.features.FeatureRegistry;
import dev.memlens.features.Features;
import dev.memlens.features.Finding;
import dev.memlens.features.InlayHintItem;
import dev.memlens.features.Settings;
import dev.memlens.syntax.SourceDecoder;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Span;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code memlens annotate FILE} (alias {@code show}): what an editor with MemLens shows, as a listing. The hints,
 * diagnostics and fixes come from the same providers the language server uses ({@link Features}).
 */
@Command(
        name = "annotate",
        aliases = "show",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {
                "Print Python files with MemLens's inlay hints written into the lines and each diagnostic under its "
                        + "line, with its quick fixes: what an editor shows, on the command line.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:printed",
                "1:a file could not be read",
                "2:usage error",
                "3:internal error",
        })
final class AnnotateCommand implements Callable<Integer> {

    enum ColorChoice { auto, always, never }

    enum ProfileChoice { working, learning }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Python files.")
    List<Path> files;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "working",
            description = "working (default) or learning: as the editor setting memlens.profile.")
    ProfileChoice profile;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (default: on a terminal, unless NO_COLOR is set), always or never.")
    ColorChoice color;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Wrap messages at this width (default: $COLUMNS, else 100).")
    Integer width;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = Settings.DEFAULTS.withProfile(
                profile == ProfileChoice.learning ? Settings.Profile.LEARNING : Settings.Profile.WORKING);
        Features features = new Features(FeatureRegistry.standard(), message -> err.println("memlens: " + message));
        DocumentAnalyzer analyzer = DocumentAnalyzer.standard();
        int exit = ExitCodes.OK;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read file: " + SourceFiles.reason(e));
                exit = ExitCodes.PROBLEMS;
                continue;
            }
            if (files.size() > 1) {
                out.println("── " + file);
            }
            String text = SourceDecoder.decode(bytes).text();
            DocumentAnalysis analysis = analyzer.analyze(new SourceText(file.toString(), text), 0, Cancellation.NEVER);
            Span all = new Span(0, text.length());
            List<InlayHintItem> hints = features.inlayHints(analysis, all, settings, Cancellation.NEVER);
            List<AnnotatedListing.Annotation> annotations = new ArrayList<>();
            for (Finding f : features.diagnostics(analysis, settings, Cancellation.NEVER)) {
                List<CodeActionItem> fixes = new ArrayList<>();
                for (CodeActionItem a : features.codeActions(analysis, f.range(), List.of(f), settings,
                        Cancellation.NEVER)) {
                    // suppressing a finding is not a fix of it; the fix-all action repeats the others
                    if (a.diagnostics().contains(f) && !a.title().startsWith("Ignore ")) {
                        fixes.add(a);
                    }
                }
                annotations.add(new AnnotatedListing.Annotation(f, fixes));
            }
            out.print(new AnnotatedListing(text, useColor(), columns()).render(hints, annotations));
            if (analysis.facts() != null) {
                for (PartialAnalysis p : analysis.facts().partials()) {
                    out.println("note: analysis cut short in " + p.message() + "; hints there may be missing");
                }
            }
            out.flush();
        }
        return exit;
    }

    private boolean useColor() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }

    private int columns() {
        if (width != null) {
            return width;
        }
        try {
            String c = System.getenv("COLUMNS");
            return c == null ? 100 : Integer.parseInt(c.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
