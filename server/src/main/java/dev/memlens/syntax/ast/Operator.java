package dev.memlens.syntax.ast;

/** Binary operators; also the operator of an augmented assignment ({@code +=} is ADD). */
public enum Operator {
    ADD("+"), SUB("-"), MULT("*"), MATMULT("@"), DIV("/"), MOD("%"), POW("**"),
    LSHIFT("<<"), RSHIFT(">>"), BITOR("|"), BITXOR("^"), BITAND("&"), FLOORDIV("//");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
