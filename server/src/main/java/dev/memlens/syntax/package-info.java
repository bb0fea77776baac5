/**
 * The syntax layer: source text, decoding, tokens, the ANTLR grammar and the immutable AST of records built by a
 * hand-written parser over the tokens ({@code DescentParser}) or, where it bails, from the ANTLR parse tree. It imports no other MemLens package; nothing outside it touches ANTLR types.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.memlens.syntax.SourceParser} — bytes or text to a {@link dev.memlens.syntax.ParseResult}: always
 *       an AST (possibly partial) and the syntax errors.</li>
 *   <li>{@code syntax.ast} — the sealed records ({@code Stmt}, {@code Expr}, {@code Pattern}) with source spans.</li>
 *   <li>{@link dev.memlens.syntax.LineMap} — the one conversion between offsets and lines/UTF-16 columns.</li>
 *   <li>{@link dev.memlens.syntax.AstWalker} — children of a node and statement-only walks.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Parsing never fails: broken input gives a tree for what parses plus errors, never an exception.</li>
 *   <li>Positions are offsets into the text; lines and columns are computed in one place.</li>
 *   <li>AST records are immutable and compare by value; layers to the right key their facts by node identity.</li>
 * </ul>
 */
package dev.memlens.syntax;
