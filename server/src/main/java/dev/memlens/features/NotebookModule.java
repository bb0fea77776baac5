package dev.memlens.features;

import dev.memlens.syntax.IpythonSyntax;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code cells of a notebook as one Python module, in cell order, as the kernel runs them top to bottom: a name
 * bound in cell 1 and changed in cell 3 is one object to the analysis. Each cell's text is copied whole (its IPython
 * lines overwritten by {@link IpythonSyntax}, which keeps every offset) and followed by a line break, so a cell
 * starts at the beginning of a line of the module and its line {@code n} is the module's line
 * {@code firstLine + n}, with the same columns: offsets and positions map both ways by adding or subtracting. The
 * break is added even after a cell that ends with one: the empty last line of such a cell is then its own, not the
 * next cell's first.
 *
 * @param text  the module
 * @param cells the code cells in order, where they are in the module
 */
public record NotebookModule(String text, List<Cell> cells, LineMap lines) {

    /** One code cell as given: its document (the client's cell URI), its number for people, and its text. */
    public record Source(String uri, int number, String text) {
        public Source {
            Objects.requireNonNull(uri, "uri");
            text = text == null ? "" : text;
        }
    }

    /**
     * Where one cell is in the module.
     *
     * @param number    the cell's number as labels show it ({@code cell 2}), from 1
     * @param start     the module offset of the cell's first character
     * @param end       the module offset just after its last character (the line break added after it is not in it,
     *                  though an offset there counts as the cell's, as the end of its last line)
     * @param firstLine the module line of the cell's first line, from 0
     */
    public record Cell(String uri, int number, int start, int end, int firstLine) {

        public boolean contains(int offset) {
            return offset >= start && offset <= end;
        }

        public Span span() {
            return new Span(start, end);
        }

        /** A module offset as an offset in the cell's own text, clamped to the cell. */
        public int cellOffset(int moduleOffset) {
            return Math.max(0, Math.min(end, moduleOffset) - start);
        }

        /** An offset in the cell's own text as a module offset, clamped to the cell. */
        public int moduleOffset(int cellOffset) {
            return start + Math.max(0, Math.min(end - start, cellOffset));
        }
    }

    private static final Pattern LINE = Pattern.compile("\\b([Ll])ine (\\d+)\\b");

    public NotebookModule {
        Objects.requireNonNull(text, "text");
        cells = List.copyOf(cells);
        Objects.requireNonNull(lines, "lines");
    }

    public static NotebookModule of(List<Source> sources) {
        StringBuilder text = new StringBuilder();
        List<int[]> bounds = new ArrayList<>();
        for (Source s : sources) {
            int start = text.length();
            text.append(IpythonSyntax.toPython(s.text()));
            bounds.add(new int[] {start, text.length()});
            text.append('\n');
        }
        String module = text.toString();
        LineMap lines = new LineMap(module);
        List<Cell> cells = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            int[] b = bounds.get(i);
            cells.add(new Cell(s.uri(), s.number(), b[0], b[1], lines.line(b[0])));
        }
        return new NotebookModule(module, cells, lines);
    }

    /** The cell with this document URI, or null. */
    public Cell cell(String uri) {
        for (Cell c : cells) {
            if (c.uri().equals(uri)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The cell holding a module offset: the last cell starting at or before it (the line break after a cell counts
     * as the cell's end). Null when there are no cells.
     */
    public Cell cellAt(int offset) {
        Cell found = null;
        int lo = 0;
        int hi = cells.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cells.get(mid).start() <= offset) {
                found = cells.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found != null || cells.isEmpty() ? found : cells.get(0);
    }

    /**
     * A message about the module with its line numbers told as cells show them: {@code line 7} becomes
     * {@code cell 2, line 3}. Features and rules write module lines; in a notebook nobody sees those.
     */
    public String relabelLines(String message) {
        if (message == null || cells.isEmpty() || message.indexOf("ine ") < 0) {
            return message;
        }
        Matcher m = LINE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            try {
                int line = Integer.parseInt(m.group(2)) - 1;
                if (line >= 0 && line < lines.lineCount()) {
                    Cell c = cellAt(lines.lineStart(line));
                    String word = m.group(1).equals("L") ? "Cell " : "cell ";
                    replacement = word + c.number() + ", line " + (line - c.firstLine() + 1);
                }
            } catch (NumberFormatException e) {
                // a number too long for an int is no line of ours: left as written
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
