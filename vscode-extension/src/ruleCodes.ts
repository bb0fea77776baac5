// Which MemLens rule codes apply at a position. Pure (structural types instead
// of vscode's) so it is unit-tested.

export interface Pos {
  line: number;
  character: number;
}

export interface DiagnosticLike {
  source?: string;
  code?: string | number | { value: string | number };
  range: { start: Pos; end: Pos };
}

export const DIAGNOSTIC_SOURCE = 'memlens';

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function codeText(code: DiagnosticLike['code']): string | undefined {
  if (code === undefined) {
    return undefined;
  }
  const v = typeof code === 'object' ? code.value : code;
  return String(v);
}

/**
 * Codes of MemLens diagnostics whose range contains the position, most
 * specific (shortest range) first; falls back to the diagnostics on the
 * cursor's line when none contains it exactly.
 */
export function ruleCodesAt(diagnostics: readonly DiagnosticLike[], pos: Pos): string[] {
  const ours = diagnostics.filter((d) => d.source?.toLowerCase() === DIAGNOSTIC_SOURCE && codeText(d.code));
  const size = (d: DiagnosticLike) => (d.range.end.line - d.range.start.line) * 100000 + (d.range.end.character - d.range.start.character);
  let hits = ours.filter((d) => before(d.range.start, pos) && before(pos, d.range.end));
  if (!hits.length) {
    hits = ours.filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line);
  }
  const out: string[] = [];
  for (const d of [...hits].sort((a, b) => size(a) - size(b))) {
    const c = codeText(d.code) as string;
    if (!out.includes(c)) {
      out.push(c);
    }
  }
  return out;
}
