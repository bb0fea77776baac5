/**
 * The language server: the only package that knows lsp4j. It keeps the open documents exact, schedules analyses
 * and converts {@code features} records to LSP in the negotiated position encoding.
 *
 * <h2>How a request is answered</h2>
 * Protocol methods run on lsp4j's reader thread and never block it. Each edit makes a new
 * {@link dev.memlens.lsp.OpenDocument} snapshot and schedules its analysis after the debounce
 * ({@code memlens.analysis.debounceMs}); a newer edit cancels the older analysis (latest wins). A request for the
 * newest text does not wait out the debounce: it starts that analysis at once (on-demand analysis), so the debounce
 * only spares pushed diagnostics from chasing every keystroke. Analyses run on a bounded pool of at least two
 * threads, one at a time per document, so a heavy file never holds up the others. A request waits
 * for the complete analysis of the text it was made against and then runs the features on a worker
 * ({@link dev.memlens.lsp.Requests}): an unknown document or a failing feature gives the empty answer, an edit in
 * between gives {@code ContentModified}, {@code $/cancelRequest} gives {@code RequestCancelled}. Pulled
 * diagnostics follow the document to its newest text instead. Pushed diagnostics are published when an analysis
 * completes, only if it is still current; so is {@code memlens/analysisStatus} when where the analysis was cut
 * changes ({@link dev.memlens.lsp.AnalysisStatus}).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>stdout carries only the protocol: {@link dev.memlens.lsp.ServerRunner#serveStdio()} takes it before
 *       anything runs and points {@code System.out} at stderr.</li>
 *   <li>Every offset/position conversion goes through {@code LineMap} in the negotiated encoding
 *       ({@link dev.memlens.lsp.Positions}, {@link dev.memlens.lsp.ContentChanges}).</li>
 *   <li>No input loses or corrupts a document: a change that cannot be applied is logged and skipped.</li>
 *   <li>Nothing is analyzed at startup; initialize only negotiates.</li>
 * </ul>
 *
 * <h2>Adding an LSP feature</h2>
 * Write the editor-neutral part as a provider in {@code features}; here, add the endpoint to
 * {@link dev.memlens.lsp.TextDocuments} through {@code Requests}, its conversion to {@link dev.memlens.lsp.Convert}
 * and its capability to {@link dev.memlens.lsp.MemLensServer#capabilities}.
 */
package dev.memlens.lsp;
