package dev.memlens.syntax;

/** The text of one Python file as Java (UTF-16) characters, with the name it is reported under. */
public record SourceText(String name, String text) {
}
