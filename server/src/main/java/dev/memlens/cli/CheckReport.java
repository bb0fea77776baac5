package dev.memlens.cli;

import java.util.List;

/**
 * One output format of {@code memlens check}. Files arrive in file order as they are checked, so line formats
 * print each as it comes; document formats (JSON, SARIF, JUnit...) gather them and print at the end.
 */
interface CheckReport {

    /** The names {@code --format} accepts; {@code text} is the old name of {@code full}. */
    List<String> FORMATS = List.of("full", "concise", "grouped", "json", "json-lines", "sarif", "github", "gitlab",
            "junit");

    void file(CheckedFile file);

    default void end(CheckSummary summary) {
    }
}
