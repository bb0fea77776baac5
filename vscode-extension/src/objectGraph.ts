// The `memlens/objectGraph` custom request: the abstract heap at a position.
// OBJECT_GRAPH.md documents the same shape for the server. Pure (no vscode
// import) so the validation is unit-tested.

export const OBJECT_GRAPH_METHOD = 'memlens/objectGraph';

export interface ObjectGraphParams {
  textDocument: { uri: string };
  /** Zero-based line and UTF-16 character, as everywhere in LSP. */
  position: { line: number; character: number };
}

/** One name in a frame and the objects it may refer to. */
export interface GraphName {
  name: string;
  /** Ids of the objects this name refers to; more than one when the analysis cannot tell which. */
  objects: string[];
  /** True when the name may be unbound or the binding is only possible (not on every path). */
  may: boolean;
  /** The number or string the name holds, drawn inline in the frame (then `objects` is empty). */
  value?: string;
}

export interface GraphFrame {
  /** `module`, a function name (`modify`), or `Class.method`; the innermost frame comes last. */
  name: string;
  names: GraphName[];
}

export interface GraphObject {
  /** Stable within one response; the same allocation site keeps its id across responses when possible. */
  id: string;
  /** Python type name: `list`, `dict`, `int`, `str`, `Point`... */
  type: string;
  mutable: boolean;
  /** Short display text: `[1, [2, 3], 4]`, `42`, `'hello'`, `<list ×3>`; may be empty. */
  label: string;
  /** Zero-based line of the allocation site, or -1 when unknown (builtins, interned constants). */
  line: number;
  /** True when more than one reference (name or element) reaches it: aliasing the user should see. */
  shared: boolean;
  /** Rows of a dict (keys) or an instance (attributes); numbers and strings inline, objects through edges. */
  entries?: GraphEntry[];
  /** How names reach it: `original[1]`, `shop.items`. */
  paths?: string[];
  /** Made by code the analysis does not see (an unknown call, an import): drawn in one collapsible group. */
  outside?: boolean;
}

/** One row of a dict or an instance. */
export interface GraphEntry {
  /** The slot as edges label it (`['key']`, `.attr`): edges from this row carry it. */
  slot: string;
  /** What the row shows on the left: `'key'`, `attr`. */
  key: string;
  /** The number or string held; absent when the slot holds objects (drawn as edges). */
  value?: string;
  may: boolean;
}

export interface GraphEdge {
  /** Id of the containing object. */
  from: string;
  /** Id of the contained object. */
  to: string;
  /** Element or attribute: `[1]`, `.x`, `['key']`, `[*]` for a summary of all elements. */
  label: string;
  may: boolean;
}

export interface ObjectGraph {
  frames: GraphFrame[];
  objects: GraphObject[];
  edges: GraphEdge[];
}

export const EMPTY_GRAPH: ObjectGraph = { frames: [], objects: [], edges: [] };

function str(v: unknown, d = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d;
}

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Checks a response from the server and drops what cannot be drawn: entries
 * without an id, references to objects that are not in `objects`, duplicate
 * ids. Returns the cleaned graph and what was dropped, for the output log.
 */
export function normalizeGraph(raw: unknown): { graph: ObjectGraph; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || raw === undefined) {
    return { graph: EMPTY_GRAPH, problems };
  }
  const r = rec(raw);
  const objects: GraphObject[] = [];
  const ids = new Set<string>();
  for (const o of arr(r.objects).map(rec)) {
    const id = str(o.id);
    if (!id) {
      problems.push('object without id');
      continue;
    }
    if (ids.has(id)) {
      problems.push(`duplicate object id ${id}`);
      continue;
    }
    ids.add(id);
    const object: GraphObject = {
      id,
      type: str(o.type, 'object'),
      mutable: o.mutable === true,
      label: str(o.label),
      line: typeof o.line === 'number' && Number.isInteger(o.line) ? o.line : -1,
      shared: o.shared === true,
    };
    const entries = arr(o.entries)
      .map(rec)
      .filter((e) => str(e.key) !== '')
      .map((e) => {
        const entry: GraphEntry = { slot: str(e.slot), key: str(e.key), may: e.may === true };
        if (typeof e.value === 'string') {
          entry.value = e.value;
        }
        return entry;
      });
    if (entries.length) {
      object.entries = entries;
    }
    const paths = arr(o.paths).filter((p): p is string => typeof p === 'string' && p !== '');
    if (paths.length) {
      object.paths = paths;
    }
    if (o.outside === true) {
      object.outside = true;
    }
    objects.push(object);
  }
  const frames: GraphFrame[] = [];
  for (const f of arr(r.frames).map(rec)) {
    const names: GraphName[] = [];
    for (const n of arr(f.names).map(rec)) {
      const name = str(n.name);
      if (!name) {
        problems.push('name without text');
        continue;
      }
      const refs = arr(n.objects).map((x) => str(x));
      const known = refs.filter((id) => ids.has(id));
      if (known.length !== refs.length) {
        problems.push(`${name} refers to unknown objects ${refs.filter((id) => !ids.has(id)).join(', ')}`);
      }
      const entry: GraphName = { name, objects: known, may: n.may === true };
      if (typeof n.value === 'string') {
        entry.value = n.value;
      }
      names.push(entry);
    }
    frames.push({ name: str(f.name, '?'), names });
  }
  const edges: GraphEdge[] = [];
  for (const e of arr(r.edges).map(rec)) {
    const from = str(e.from);
    const to = str(e.to);
    if (!ids.has(from) || !ids.has(to)) {
      problems.push(`edge ${from} -> ${to} refers to unknown objects`);
      continue;
    }
    edges.push({ from, to, label: str(e.label), may: e.may === true });
  }
  return { graph: { frames, objects, edges }, problems };
}
