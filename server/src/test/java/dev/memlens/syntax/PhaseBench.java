package dev.memlens.syntax;

import dev.memlens.syntax.grammar.PythonLexer;
import dev.memlens.syntax.grammar.PythonParser;
import dev.memlens.syntax.grammar.StringCharStream;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times lexing, SLL parsing and AST building separately over a corpus (CPU time of one thread), and the
 * {@link DescentParser} that does the last two at once.
 */
public final class PhaseBench {
    private PhaseBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        List<String> texts = new ArrayList<>();
        for (Path f : ParseBench.pythonFiles(root)) {
            SourceDecoder.Decoded d = SourceDecoder.decode(Files.readAllBytes(f));
            // text outside the BMP needs a code point stream: left out, as the descent parser leaves it
            if (d.error() == null && SourceParser.codePointMap(d.text()) == null) {
                texts.add(d.text());
            }
        }
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            long lex = 0;
            long parse = 0;
            long build = 0;
            long descent = 0;
            long tokens = 0;
            for (String text : texts) {
                long t0 = bean.getCurrentThreadCpuTime();
                PythonLexer lexer = new PythonLexer(new StringCharStream(text, "bench"));
                lexer.removeErrorListeners();
                TokenArray ts = new TokenArray(lexer);
                tokens += ts.size();
                long t1 = bean.getCurrentThreadCpuTime();
                PythonParser parser = new PythonParser(ts);
                parser.removeErrorListeners();
                parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
                parser.setErrorHandler(new BailErrorStrategy());
                List<PythonParser.StatementContext> stmts;
                try {
                    stmts = parser.file_input().statement();
                } catch (RuntimeException e) {
                    continue;
                }
                long t2 = bean.getCurrentThreadCpuTime();
                new AstBuilder(text, null, false).module(stmts);
                long t3 = bean.getCurrentThreadCpuTime();
                DescentParser.parse(text, ts.array(), null, 0);
                long t4 = bean.getCurrentThreadCpuTime();
                descent += t4 - t3;
                lex += t1 - t0;
                parse += t2 - t1;
                build += t3 - t2;
            }
            System.out.printf("pass %d: lex %.2f s, parse %.2f s, build %.2f s, descent (parse + build) %.2f s (cpu),"
                    + " %d tokens%n", pass + 1, lex / 1e9, parse / 1e9, build / 1e9, descent / 1e9, tokens);
        }
    }
}
