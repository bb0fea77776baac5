// Lays out an object graph as Python Tutor draws memory (frames with their
// names on the left, numbers and strings inline; objects in columns on the
// right, dict entries and attributes as rows) and renders it as SVG text.
// Pure (no vscode, no DOM): unit tests check the geometry and the markup.
// Colours come from CSS classes that the webview maps to VS Code theme
// variables, so the SVG carries no inline style; an exported SVG carries one
// <style> element with fixed colours instead.
//
// The layout draws a tree-shaped heap without crossing lines: objects sit in
// columns by their distance from the names, each subtree in a band of its own
// below its root's band (depth-first), every box of a column as wide as the
// column and every arrow a curve whose height moves monotonically between its
// ends. Arrows between two columns then keep their top-to-bottom order.

import type { GraphEntry, GraphObject, ObjectGraph } from './objectGraph';

export interface LayoutOptions {
  /** Approximate width of one character of the 12px editor font. */
  charWidth: number;
  rowHeight: number;
  frameHeader: number;
  frameWidthMin: number;
  objectHeader: number;
  entryHeight: number;
  pathHeight: number;
  objectWidthMin: number;
  objectWidthMax: number;
  columnGap: number;
  rowGap: number;
  margin: number;
  maxLabelChars: number;
  /** Draw the objects marked `outside` one by one instead of as one group. */
  expandOutside: boolean;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  charWidth: 7.3,
  rowHeight: 22,
  frameHeader: 24,
  frameWidthMin: 120,
  objectHeader: 20,
  entryHeight: 18,
  pathHeight: 15,
  objectWidthMin: 96,
  objectWidthMax: 220,
  columnGap: 64,
  rowGap: 12,
  margin: 16,
  maxLabelChars: 28,
  expandOutside: false,
};

/** What a name or a row that holds an object from outside shows while the group is collapsed. */
const OUTSIDE_TEXT = 'from outside';

/** The id of the box that stands for every object from outside while the group is collapsed. */
export const OUTSIDE_GROUP = 'ml-outside-group';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NameRow extends Box {
  name: string;
  may: boolean;
  /** The number or string drawn inline, when the name holds one. */
  value?: string;
  /** Where arrows from this name start. */
  anchorX: number;
  anchorY: number;
  /** It refers to an object from outside while that group is collapsed: said in the row, no arrow. */
  outside?: boolean;
}

export interface FrameBox extends Box {
  name: string;
  rows: NameRow[];
}

export interface EntryRow {
  slot: string;
  key: string;
  value?: string;
  may: boolean;
  /** Centre line of the row (arrows from it start at the box's right edge there). */
  y: number;
  /** It holds an object from outside while that group is collapsed: said in the row, no arrow. */
  outside?: boolean;
}

export interface ObjectBox extends Box {
  id: string;
  type: string;
  label: string;
  mutable: boolean;
  shared: boolean;
  outside: boolean;
  /** True for the box standing for the collapsed group of objects from outside. */
  group: boolean;
  line: number;
  column: number;
  entries: EntryRow[];
  paths: string[];
}

export interface Arrow {
  kind: 'name' | 'edge';
  /** Id of the name row (`frameIndex:name`) or of the source object. */
  from: string;
  to: string;
  may: boolean;
  label: string;
  /** SVG path data. */
  d: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  frames: FrameBox[];
  objects: ObjectBox[];
  arrows: Arrow[];
  /** How many objects from outside the graph has (drawn as one group unless expanded). */
  outsideCount: number;
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

function len(text: string): number {
  return Array.from(text).length;
}

/** The graph as drawn: objects from outside folded into one group box unless expanded. */
function foldOutside(graph: ObjectGraph, expand: boolean): { graph: ObjectGraph; count: number } {
  const outside = new Set(graph.objects.filter((o) => o.outside).map((o) => o.id));
  if (expand || outside.size === 0) {
    return { graph, count: outside.size };
  }
  const map = (id: string) => (outside.has(id) ? OUTSIDE_GROUP : id);
  const group: GraphObject = {
    id: OUTSIDE_GROUP,
    type: 'from outside',
    mutable: true,
    label: `${outside.size} object${outside.size === 1 ? '' : 's'} · click to show`,
    line: -1,
    shared: false,
    outside: true,
  };
  const seen = new Set<string>();
  const edges = graph.edges
    .filter((e) => !outside.has(e.from))
    .map((e) => ({ ...e, to: map(e.to) }))
    .filter((e) => {
      const key = `${e.from}>${e.to}>${e.label}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return {
    graph: {
      frames: graph.frames.map((f) => ({
        name: f.name,
        names: f.names.map((n) => ({ ...n, objects: [...new Set(n.objects.map(map))] })),
      })),
      objects: [...graph.objects.filter((o) => !outside.has(o.id)), group],
      edges,
    },
    count: outside.size,
  };
}

/**
 * Columns: objects a name refers to are in column 0; an object reached only
 * through edges sits one column right of its nearest referrer (breadth-first,
 * so cycles terminate). Objects nobody reaches are placed as extra roots.
 */
function assignColumns(graph: ObjectGraph, out: Map<string, string[]>): Map<string, number> {
  const column = new Map<string, number>();
  const queue: string[] = [];
  const visit = (roots: string[]) => {
    for (const id of roots) {
      if (!column.has(id)) {
        column.set(id, 0);
        queue.push(id);
      }
    }
    while (queue.length) {
      const id = queue.shift() as string;
      const c = column.get(id) as number;
      for (const to of out.get(id) ?? []) {
        if (!column.has(to)) {
          column.set(to, c + 1);
          queue.push(to);
        }
      }
    }
  };
  visit(graph.frames.flatMap((f) => f.names.flatMap((n) => n.objects)));
  const targets = new Set(graph.edges.map((e) => e.to));
  visit(graph.objects.filter((o) => !column.has(o.id) && !targets.has(o.id) && o.id !== OUTSIDE_GROUP).map((o) => o.id));
  for (const ob of graph.objects) {
    visit([ob.id]);
  }
  return column;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function curve(x1: number, y1: number, x2: number, y2: number, backX: number): { d: string; mx: number; my: number; x2: number } {
  if (x2 > x1 + 10) {
    // Horizontal tangents at both ends: the height moves monotonically from y1 to y2.
    const dx = (x2 - x1) / 2;
    return {
      d: `M${r(x1)},${r(y1)} C${r(x1 + dx)},${r(y1)} ${r(x2 - dx)},${r(y2)} ${r(x2)},${r(y2)}`,
      mx: (x1 + x2) / 2,
      my: (y1 + y2) / 2,
      x2,
    };
  }
  // Back or same-column edge (a cycle, or an object shared with an earlier column): out to the right and into the
  // target's right side, instead of across the picture to its left side.
  const bulge = Math.max(x1, backX) + 36 + Math.min(60, Math.abs(y2 - y1) / 8);
  return {
    d: `M${r(x1)},${r(y1)} C${r(bulge)},${r(y1)} ${r(bulge)},${r(y2)} ${r(backX)},${r(y2)}`,
    mx: bulge - 10,
    my: (y1 + y2) / 2,
    x2: backX,
  };
}

function objectHeight(ob: GraphObject, o: LayoutOptions): number {
  const rows = ob.entries?.length ? ob.entries.length : 1;
  return o.objectHeader + rows * o.entryHeight + (ob.paths?.length ? o.pathHeight : 0) + 4;
}

function entryText(e: GraphEntry, toOutside: boolean): string {
  return e.value !== undefined ? `${e.key}  ${e.value}` : toOutside ? `${e.key}  ${OUTSIDE_TEXT}` : `${e.key} ●`;
}

function objectChars(ob: GraphObject, o: LayoutOptions, toOutside: Set<string>): number {
  const rows = ob.entries?.length ? ob.entries.map((en) => entryText(en, toOutside.has(`${ob.id}|${en.slot}`))) : [ob.label];
  // Paths widen a column up to maxLabelChars; longer ones are cut to the box (the tooltip has them all).
  const texts = [`${ob.type}${ob.shared ? ' · shared' : ''}`, ...rows, ...(ob.paths?.length ? [ob.paths.join(' · ')] : [])];
  return Math.max(...texts.map((t) => Math.min(len(t), o.maxLabelChars)));
}

export function layoutGraph(input: ObjectGraph, options: Partial<LayoutOptions> = {}): Layout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT, ...options };
  const { graph, count: outsideCount } = foldOutside(input, o.expandOutside);

  // Frames: one row per name; a number or string sits right of the name.
  const rowChars = (n: { name: string; value?: string; objects: string[] }) =>
    len(n.name) + 3 + (n.value !== undefined ? Math.min(len(n.value), o.maxLabelChars) + 2 : n.objects.length === 1 && n.objects[0] === OUTSIDE_GROUP ? OUTSIDE_TEXT.length + 2 : 0);
  const longest = Math.max(0, ...graph.frames.flatMap((f) => [len(f.name) + 2, ...f.names.map(rowChars)]));
  const frameWidth = Math.max(o.frameWidthMin, Math.ceil(longest * o.charWidth) + 28);
  const frames: FrameBox[] = [];
  let y = o.margin;
  graph.frames.forEach((f) => {
    const h = o.frameHeader + Math.max(1, f.names.length) * o.rowHeight + 6;
    const rows: NameRow[] = f.names.map((n, ni) => {
      const ry = y + o.frameHeader + ni * o.rowHeight;
      const row: NameRow = {
        name: n.name,
        may: n.may,
        x: o.margin,
        y: ry,
        w: frameWidth,
        h: o.rowHeight,
        anchorX: o.margin + frameWidth - 12,
        anchorY: ry + o.rowHeight / 2,
      };
      if (n.value !== undefined) {
        row.value = truncate(n.value, o.maxLabelChars);
      }
      return row;
    });
    frames.push({ name: f.name, x: o.margin, y, w: frameWidth, h, rows });
    y += h + o.rowGap;
  });
  const framesBottom = frames.length ? y - o.rowGap : o.margin;

  // Edges per source in the order of the source's rows (entries), so that children follow their rows.
  const objectById = new Map(graph.objects.map((ob) => [ob.id, ob]));
  const rowIndex = (ob: GraphObject | undefined, slot: string) => {
    const i = ob?.entries?.findIndex((e) => e.slot === slot) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const outEdges = new Map<string, string[]>();
  graph.edges
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.from === b.e.from ? rowIndex(objectById.get(a.e.from), a.e.label) - rowIndex(objectById.get(b.e.from), b.e.label) || a.i - b.i : 0))
    .forEach(({ e }) => {
      const list = outEdges.get(e.from) ?? [];
      if (!list.includes(e.to)) {
        list.push(e.to);
      }
      outEdges.set(e.from, list);
    });
  const column = assignColumns(graph, outEdges);

  const toOutside = new Set(graph.edges.filter((e) => e.to === OUTSIDE_GROUP).map((e) => `${e.from}|${e.label}`));
  // Column widths: every box of a column is as wide as the column.
  const columnChars = new Map<number, number>();
  for (const ob of graph.objects) {
    const c = column.get(ob.id) ?? 0;
    columnChars.set(c, Math.max(columnChars.get(c) ?? 0, objectChars(ob, o, toOutside)));
  }
  const columns = Math.max(0, ...[...columnChars.keys()].map((c) => c + 1));
  const columnWidth: number[] = [];
  const columnX: number[] = [];
  let x = o.margin + frameWidth + o.columnGap;
  for (let c = 0; c < columns; c++) {
    columnWidth[c] = Math.min(o.objectWidthMax, Math.max(o.objectWidthMin, Math.ceil((columnChars.get(c) ?? 0) * o.charWidth) + 20));
    columnX[c] = x;
    x += columnWidth[c] + o.columnGap;
  }

  // Depth-first bands: a root's subtree is laid out below the previous one; a child starts at its parent's top.
  const placed = new Map<string, ObjectBox>();
  const columnBottom = new Map<number, number>();
  const place = (id: string, top: number): number => {
    const ob = objectById.get(id);
    if (!ob || placed.has(id)) {
      return top;
    }
    const c = column.get(id) ?? 0;
    const at = Math.max(top, (columnBottom.get(c) ?? -Infinity) + o.rowGap);
    const h = objectHeight(ob, o);
    const entries: EntryRow[] = (ob.entries ?? []).map((e, i) => {
      const row: EntryRow = { slot: e.slot, key: truncate(e.key, o.maxLabelChars), may: e.may, y: at + o.objectHeader + i * o.entryHeight + o.entryHeight / 2 };
      if (e.value !== undefined) {
        row.value = truncate(e.value, o.maxLabelChars);
      }
      return row;
    });
    const box: ObjectBox = {
      id,
      type: ob.type,
      label: truncate(ob.label, Math.max(4, Math.floor((columnWidth[c] - 16) / o.charWidth))),
      mutable: ob.mutable,
      shared: ob.shared,
      outside: ob.outside === true,
      group: id === OUTSIDE_GROUP,
      line: ob.line,
      column: c,
      x: columnX[c],
      y: at,
      w: columnWidth[c],
      h,
      entries,
      paths: ob.paths ?? [],
    };
    placed.set(id, box);
    columnBottom.set(c, at + h);
    let bottom = at + h;
    let childTop = at;
    for (const to of outEdges.get(id) ?? []) {
      if (!placed.has(to) && column.get(to) === c + 1) {
        const childBottom = place(to, childTop);
        childTop = childBottom + o.rowGap;
        bottom = Math.max(bottom, childBottom);
      }
    }
    return bottom;
  };
  let top = o.margin;
  const roots: string[] = [];
  graph.frames.forEach((f) => f.names.forEach((n) => n.objects.forEach((id) => id !== OUTSIDE_GROUP && roots.push(id))));
  graph.objects.filter((ob) => ob.id !== OUTSIDE_GROUP).forEach((ob) => roots.push(ob.id));
  roots.push(OUTSIDE_GROUP); // the group goes last: arrows into it come from everywhere
  for (const id of roots) {
    if (!placed.has(id) && objectById.has(id)) {
      top = place(id, top) + o.rowGap;
    }
  }
  const objects = [...placed.values()];
  const maxBottom = Math.max(framesBottom, ...objects.map((b) => b.y + b.h));

  const arrows: Arrow[] = [];
  const arrow = (kind: Arrow['kind'], from: string, to: string, may: boolean, label: string, x1: number, y1: number, t: ObjectBox) => {
    const y2 = t.y + Math.min(t.h / 2, o.objectHeader / 2 + 4);
    const c = curve(x1, y1, t.x, y2, t.x + t.w);
    arrows.push({ kind, from, to, may, label, d: c.d, x1, y1, x2: c.x2, y2, labelX: c.mx, labelY: c.my - 4 });
  };
  graph.frames.forEach((f, fi) => {
    f.names.forEach((n, ni) => {
      const row = frames[fi].rows[ni];
      for (const id of n.objects) {
        const target = placed.get(id);
        if (id === OUTSIDE_GROUP && n.objects.length === 1) {
          row.outside = true; // the row says "from outside"; the group box counts them
        } else if (target) {
          arrow('name', `${fi}:${n.name}`, id, n.may || n.objects.length > 1, '', row.anchorX, row.anchorY, target);
        }
      }
    });
  });
  for (const e of graph.edges) {
    const s = placed.get(e.from);
    const t = placed.get(e.to);
    if (!s || !t) {
      continue;
    }
    const row = s.entries.find((en) => en.slot === e.label);
    if (row && e.to === OUTSIDE_GROUP) {
      row.outside = true;
      continue;
    }
    // From the row of a dict or instance (its key names the slot), else from the label line with the slot shown.
    const y1 = row ? row.y : s.y + o.objectHeader + o.entryHeight / 2;
    arrow('edge', e.from, e.to, e.may, row ? '' : e.label, s.x + s.w, y1, t);
  }

  const right = objects.length ? Math.max(...objects.map((b) => b.x + b.w)) + o.margin + 40 : o.margin * 2 + frameWidth;
  return { width: Math.ceil(right), height: Math.ceil(maxBottom + o.margin), frames, objects, arrows, outsideCount };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Colours for an SVG saved to a file (no VS Code theme there): light, readable
 * on white, in one <style> element; the webview's copy uses media/diagram.css.
 */
export const STANDALONE_STYLE = [
  '.ml-graph{background:#ffffff}',
  '.ml-graph text{font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px;fill:#1f1f1f}',
  '.ml-frame-box{fill:#f3f3f3;stroke:#c8c8c8}',
  '.ml-graph .ml-frame-name{font-weight:bold;fill:#616161}',
  '.ml-graph .ml-name-value{fill:#0451a5}',
  '.ml-name.ml-may .ml-name-text{font-style:italic}',
  '.ml-anchor,.ml-entry-anchor{fill:#1f1f1f}',
  '.ml-object-box{fill:#fffbe6;stroke:#b0b0b0}',
  '.ml-immutable .ml-object-box{fill:#ffffff}',
  '.ml-shared .ml-object-box{stroke:#bf8803;stroke-width:2.5}',
  '.ml-outside .ml-object-box{fill:#f3f3f3;stroke-dasharray:4 3}',
  '.ml-graph .ml-object-type,.ml-graph .ml-object-path,.ml-graph .ml-edge-label{font-size:11px;fill:#616161}',
  '.ml-graph .ml-shared .ml-object-type{fill:#bf8803}',
  '.ml-graph .ml-entry-value{fill:#0451a5}',
  '.ml-graph .ml-to-outside{font-style:italic;fill:#8a8a8a}',
  '.ml-entry-line{stroke:#d0d0d0}',
  '.ml-arrow{fill:none;stroke:#1f1f1f;stroke-width:1.3}',
  '.ml-arrow.ml-may{stroke-dasharray:5 4}',
  '.ml-arrowhead{fill:#1f1f1f}',
].join('');

export interface RenderOptions {
  /** Include STANDALONE_STYLE (for a file); the webview styles the SVG itself. */
  standalone?: boolean;
}

/** The SVG markup; every element has a class the webview styles (see media/diagram.css). */
export function renderSvg(layout: Layout, title = 'Memory diagram', options: RenderOptions = {}): string {
  const e = escapeXml;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="ml-graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${e(title)}">`,
  );
  if (options.standalone) {
    parts.push(`<title>${e(title)}</title><style>${STANDALONE_STYLE}</style><rect width="100%" height="100%" fill="#ffffff"/>`);
  }
  parts.push(
    '<defs><marker id="ml-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="ml-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
  );
  for (const f of layout.frames) {
    parts.push(`<g class="ml-frame" data-frame="${e(f.name)}">`);
    parts.push(`<rect class="ml-frame-box" x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" rx="4"/>`);
    parts.push(`<text class="ml-frame-name" x="${f.x + 8}" y="${f.y + 17}">${e(f.name)}</text>`);
    for (const row of f.rows) {
      const value =
        row.value !== undefined
          ? `<text class="ml-name-value" x="${row.x + row.w - 10}" y="${row.y + row.h / 2 + 4}" text-anchor="end">${e(row.value)}</text>`
          : row.outside
            ? `<text class="ml-to-outside" x="${row.x + row.w - 10}" y="${row.y + row.h / 2 + 4}" text-anchor="end">${OUTSIDE_TEXT}</text>`
            : `<circle class="ml-anchor" cx="${row.anchorX}" cy="${row.anchorY}" r="3"/>`;
      const data = row.value !== undefined ? ` data-value="${e(row.value)}"` : '';
      parts.push(
        `<g class="ml-name${row.may ? ' ml-may' : ''}" data-name="${e(row.name)}"${data}>` +
          `<text class="ml-name-text" x="${row.x + 10}" y="${row.y + row.h / 2 + 4}">${e(row.name)}</text>${value}</g>`,
      );
    }
    parts.push('</g>');
  }
  for (const a of layout.arrows) {
    const cls = `ml-arrow ml-arrow-${a.kind}${a.may ? ' ml-may' : ''}`;
    parts.push(`<path class="${cls}" data-from="${e(a.from)}" data-to="${e(a.to)}" d="${a.d}" marker-end="url(#ml-arrow)"/>`);
    if (a.label) {
      parts.push(`<text class="ml-edge-label" x="${r(a.labelX)}" y="${r(a.labelY)}" text-anchor="middle">${e(a.label)}</text>`);
    }
  }
  for (const b of layout.objects) {
    const cls = ['ml-object', b.mutable ? 'ml-mutable' : 'ml-immutable', b.shared ? 'ml-shared' : '', b.outside ? 'ml-outside' : '', b.group ? 'ml-group' : '']
      .filter(Boolean)
      .join(' ');
    const tip = b.group
      ? 'Objects made by code MemLens does not see (imports, unknown calls). Click to show them one by one.'
      : `${b.type} ${b.id}${b.line >= 0 ? `, created on line ${b.line + 1}` : ''}${b.shared ? ', shared' : ''}${b.paths.length ? `; reached as ${b.paths.join(', ')}` : ''}`;
    const line = b.line >= 0 ? ` data-line="${b.line}"` : '';
    const action = b.group ? ' data-action="toggle-outside"' : '';
    const paths = b.paths.length ? ` data-paths="${e(b.paths.join(' '))}"` : '';
    parts.push(`<g class="${cls}" data-id="${e(b.id)}" data-type="${e(b.type)}"${line}${action}${paths}><title>${e(tip)}</title>`);
    parts.push(`<rect class="ml-object-box" x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>`);
    parts.push(`<text class="ml-object-type" x="${b.x + 8}" y="${b.y + 14}">${e(b.type)}${b.shared ? ' · shared' : ''}</text>`);
    let bottom = b.y + 20;
    if (b.entries.length) {
      for (const en of b.entries) {
        parts.push(
          `<g class="ml-entry${en.may ? ' ml-may' : ''}" data-slot="${e(en.slot)}">` +
            `<line class="ml-entry-line" x1="${b.x}" y1="${r(en.y - 9)}" x2="${b.x + b.w}" y2="${r(en.y - 9)}"/>` +
            `<text class="ml-entry-key" x="${b.x + 8}" y="${r(en.y + 4)}">${e(en.key)}</text>` +
            (en.value !== undefined
              ? `<text class="ml-entry-value" x="${b.x + b.w - 8}" y="${r(en.y + 4)}" text-anchor="end">${e(en.value)}</text>`
              : en.outside
                ? `<text class="ml-to-outside" x="${b.x + b.w - 8}" y="${r(en.y + 4)}" text-anchor="end">${OUTSIDE_TEXT}</text>`
                : `<circle class="ml-entry-anchor" cx="${b.x + b.w - 8}" cy="${r(en.y)}" r="3"/>`) +
            '</g>',
        );
        bottom = en.y + 9;
      }
    } else {
      parts.push(`<text class="ml-object-label" x="${b.x + 8}" y="${b.y + 33}">${e(b.label)}</text>`);
      bottom = b.y + 38;
    }
    if (b.paths.length) {
      const text = truncate(b.paths.join(' · '), Math.max(6, Math.floor((b.w - 16) / 6.6)));
      parts.push(`<text class="ml-object-path" x="${b.x + 8}" y="${r(bottom + 11)}">${e(text)}</text>`);
    }
    parts.push('</g>');
  }
  if (!layout.frames.length && !layout.objects.length) {
    parts.push(`<text class="ml-empty" x="16" y="24">No objects at this position.</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
