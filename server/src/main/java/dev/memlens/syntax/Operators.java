package dev.memlens.syntax;

import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.grammar.PythonLexer;

/**
 * Token types to AST operators, the binary operators' precedence, and a number literal's kind: one table for both
 * ways of building the AST ({@link AstBuilder} from the parse tree, {@link DescentParser} from the tokens), which
 * must agree node for node.
 */
final class Operators {
    private Operators() {
    }

    /** The operator of an augmented assignment token ({@code +=}), or null. */
    static Operator augmented(int t) {
        return switch (t) {
            case PythonLexer.PLUSEQUAL -> Operator.ADD;
            case PythonLexer.MINEQUAL -> Operator.SUB;
            case PythonLexer.STAREQUAL -> Operator.MULT;
            case PythonLexer.ATEQUAL -> Operator.MATMULT;
            case PythonLexer.SLASHEQUAL -> Operator.DIV;
            case PythonLexer.PERCENTEQUAL -> Operator.MOD;
            case PythonLexer.AMPEREQUAL -> Operator.BITAND;
            case PythonLexer.VBAREQUAL -> Operator.BITOR;
            case PythonLexer.CIRCUMFLEXEQUAL -> Operator.BITXOR;
            case PythonLexer.LEFTSHIFTEQUAL -> Operator.LSHIFT;
            case PythonLexer.RIGHTSHIFTEQUAL -> Operator.RSHIFT;
            case PythonLexer.DOUBLESTAREQUAL -> Operator.POW;
            case PythonLexer.DOUBLESLASHEQUAL -> Operator.FLOORDIV;
            default -> null;
        };
    }

    /**
     * The comparison operator starting with token {@code t} followed by {@code next}, or null: {@code not} is one
     * only before {@code in} ({@code not in}), and {@code is} before {@code not} is {@code is not}.
     */
    static CmpOperator comparison(int t, int next) {
        return switch (t) {
            case PythonLexer.EQEQUAL -> CmpOperator.EQ;
            case PythonLexer.NOTEQUAL -> CmpOperator.NOT_EQ;
            case PythonLexer.LESS -> CmpOperator.LT;
            case PythonLexer.LESSEQUAL -> CmpOperator.LT_E;
            case PythonLexer.GREATER -> CmpOperator.GT;
            case PythonLexer.GREATEREQUAL -> CmpOperator.GT_E;
            case PythonLexer.IN -> CmpOperator.IN;
            case PythonLexer.NOT -> next == PythonLexer.IN ? CmpOperator.NOT_IN : null;
            case PythonLexer.IS -> next == PythonLexer.NOT ? CmpOperator.IS_NOT : CmpOperator.IS;
            default -> null;
        };
    }

    /** How tightly a binary operator token binds (1 for '|' up to 6 for '*'), 0 for any other token. */
    static int precedence(int t) {
        return switch (t) {
            case PythonLexer.VBAR -> 1;
            case PythonLexer.CIRCUMFLEX -> 2;
            case PythonLexer.AMPER -> 3;
            case PythonLexer.LEFTSHIFT, PythonLexer.RIGHTSHIFT -> 4;
            case PythonLexer.PLUS, PythonLexer.MINUS -> 5;
            case PythonLexer.STAR, PythonLexer.SLASH, PythonLexer.DOUBLESLASH, PythonLexer.PERCENT,
                    PythonLexer.AT -> 6;
            default -> 0;
        };
    }

    /** The binary operator of a token with a {@link #precedence}, or null. */
    static Operator binary(int t) {
        return switch (t) {
            case PythonLexer.VBAR -> Operator.BITOR;
            case PythonLexer.CIRCUMFLEX -> Operator.BITXOR;
            case PythonLexer.AMPER -> Operator.BITAND;
            case PythonLexer.LEFTSHIFT -> Operator.LSHIFT;
            case PythonLexer.RIGHTSHIFT -> Operator.RSHIFT;
            case PythonLexer.PLUS -> Operator.ADD;
            case PythonLexer.MINUS -> Operator.SUB;
            case PythonLexer.STAR -> Operator.MULT;
            case PythonLexer.SLASH -> Operator.DIV;
            case PythonLexer.DOUBLESLASH -> Operator.FLOORDIV;
            case PythonLexer.PERCENT -> Operator.MOD;
            case PythonLexer.AT -> Operator.MATMULT;
            default -> null;
        };
    }

    /** The kind of a NUMBER token's text: complex with a j suffix, int with a base prefix or no point/exponent. */
    static ConstantKind numberKind(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == 'j' || last == 'J') {
            return ConstantKind.COMPLEX;
        }
        if (s.length() > 1 && s.charAt(0) == '0' && "xXoObB".indexOf(s.charAt(1)) >= 0) {
            return ConstantKind.INT;
        }
        if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return ConstantKind.FLOAT;
        }
        return ConstantKind.INT;
    }
}
