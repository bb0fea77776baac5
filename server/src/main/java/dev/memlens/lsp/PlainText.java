package dev.memlens.lsp;

/** Markdown made readable for clients that show hovers as plain text: fences and inline markup dropped. */
final class PlainText {

    private PlainText() {
    }

    static String of(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                continue;
            }
            if (trimmed.equals("---") || trimmed.equals("***")) {
                out.append("────────\n");
                continue;
            }
            String l = line.replaceAll("^(\\s*)#{1,6}\\s+", "$1")
                    .replaceAll("\\*\\*(.+?)\\*\\*", "$1")
                    .replaceAll("`([^`]*)`", "$1")
                    .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
            out.append(l).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
