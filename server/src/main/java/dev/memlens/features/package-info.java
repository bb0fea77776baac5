/**
 * Editor-neutral features: what the user sees, as plain records with offsets, never lsp4j types. The LSP server and
 * the CLI both consume this package.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Nothing here imports {@code org.eclipse.lsp4j}; ranges are UTF-16 offsets ({@code Span}), text is markdown.</li>
 *   <li>A provider sees one complete, immutable {@link dev.memlens.features.DocumentAnalysis}; it may throw, and
 *       {@link dev.memlens.features.Features} turns that into one log line and an answer without it.</li>
 *   <li>Long work calls {@link dev.memlens.features.Cancellation#check()} between steps.</li>
 * </ul>
 *
 * <h2>Extension points</h2>
 * <ul>
 *   <li>More analysis (scopes, interpreter facts, rule findings): add a component to {@code DocumentAnalysis},
 *       compute it in a {@link dev.memlens.features.DocumentAnalyzer} (checking cancellation between phases), and
 *       return that analyzer from {@code DocumentAnalyzer.standard()}.</li>
 *   <li>A hint kind: one {@link dev.memlens.features.InlayHintProvider} class per
 *       {@link dev.memlens.features.HintCategory}, registered in {@code FeatureRegistry.standard()}; its
 *       {@code memlens.hints.*} switch is applied for it.</li>
 *   <li>A diagnostic source (a rule family): a {@link dev.memlens.features.DiagnosticProvider}; findings carry
 *       their code, so {@code memlens.rules.select|ignore|severity} apply without the provider knowing. Put what a
 *       fix needs into {@code Finding.data}: the editor sends it back with the code-action request.</li>
 *   <li>A hover section: a {@link dev.memlens.features.HoverProvider}; sections of all providers are joined.</li>
 *   <li>A quick fix: a {@link dev.memlens.features.CodeActionProvider}, given the findings the editor sent back.</li>
 * </ul>
 */
package dev.memlens.features;
