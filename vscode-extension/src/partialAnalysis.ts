// What memlens/analysisStatus carries and how the status bar words it (no
// vscode import, so the unit tests can load it).

export type PartialEntry = { scope: string; line: number; cause: string; detail: string };
export type AnalysisStatusParams = { uri: string; version: number; partial: PartialEntry[] };

/** The status bar text and tooltip for a document's partial entries, or undefined when its analysis is complete. */
export function describePartial(partial: PartialEntry[]): { text: string; tooltip: string } | undefined {
  if (partial.length === 0) {
    return undefined;
  }
  const where = (p: PartialEntry) => (p.scope === '<module>' ? 'the module' : `\`${p.scope}\``);
  const first = partial[0];
  const text = partial.length === 1
    ? `$(warning) MemLens: ${first.scope === '<module>' ? 'module' : first.scope} partly analyzed`
    : `$(warning) MemLens: ${partial.length} parts partly analyzed`;
  const lines = partial.map((p) => `- ${where(p)} (line ${p.line}): ${p.detail}`);
  const tooltip = `The analysis of this file was cut; hints and hovers there may be missing:\n${lines.join('\n')}`;
  return { text, tooltip };
}
