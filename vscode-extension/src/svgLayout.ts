// Lays out an object graph as a frames-and-objects picture (names grouped by
// frame on the left, objects in columns on the right, arrows between them)
// and renders it as SVG text. Pure (no vscode, no DOM): unit tests check the
// geometry and the markup. Colours come from CSS classes that the webview
// maps to VS Code theme variables, so the SVG carries no inline style.

import type { GraphObject, ObjectGraph } from './objectGraph';

export interface LayoutOptions {
  /** Approximate width of one character of the 12px editor font. */
  charWidth: number;
  rowHeight: number;
  frameHeader: number;
  frameWidthMin: number;
  objectWidth: number;
  objectHeight: number;
  columnGap: number;
  rowGap: number;
  margin: number;
  maxLabelChars: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  charWidth: 7.3,
  rowHeight: 24,
  frameHeader: 26,
  frameWidthMin: 120,
  objectWidth: 170,
  objectHeight: 46,
  columnGap: 70,
  rowGap: 18,
  margin: 16,
  maxLabelChars: 22,
};

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NameRow extends Box {
  name: string;
  may: boolean;
  /** Where arrows from this name start. */
  anchorX: number;
  anchorY: number;
}

export interface FrameBox extends Box {
  name: string;
  rows: NameRow[];
}

export interface ObjectBox extends Box {
  id: string;
  type: string;
  label: string;
  mutable: boolean;
  shared: boolean;
  line: number;
  column: number;
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
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  frames: FrameBox[];
  objects: ObjectBox[];
  arrows: Arrow[];
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/**
 * Columns: objects a name refers to are in column 0; an object reached only
 * through edges sits one column right of its nearest referrer (breadth-first,
 * so cycles terminate). Objects nobody reaches are placed as extra roots.
 */
function assignColumns(graph: ObjectGraph): Map<string, number> {
  const column = new Map<string, number>();
  const queue: string[] = [];
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.from) ?? [];
    list.push(e.to);
    out.set(e.from, list);
  }
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
  // Unreferenced objects that head a chain first, then anything left (pure cycles).
  visit(graph.objects.filter((o) => !column.has(o.id) && !targets.has(o.id)).map((o) => o.id));
  // Pure cycles: one root at a time, so the rest of the cycle goes right of it.
  for (const ob of graph.objects) {
    visit([ob.id]);
  }
  return column;
}

function curve(x1: number, y1: number, x2: number, y2: number): { d: string; mx: number; my: number } {
  if (x2 > x1 + 10) {
    const dx = Math.max(30, (x2 - x1) / 2);
    return {
      d: `M${r(x1)},${r(y1)} C${r(x1 + dx)},${r(y1)} ${r(x2 - dx)},${r(y2)} ${r(x2)},${r(y2)}`,
      mx: (x1 + x2) / 2,
      my: (y1 + y2) / 2,
    };
  }
  // Back or same-column edge: loop out to the right and come in from the left.
  const out = 40;
  const top = Math.min(y1, y2) - 30;
  return {
    d: `M${r(x1)},${r(y1)} C${r(x1 + out)},${r(y1)} ${r(x1 + out)},${r(top)} ${r((x1 + x2) / 2)},${r(top)} S${r(x2 - out)},${r(y2)} ${r(x2)},${r(y2)}`,
    mx: (x1 + x2) / 2,
    my: top,
  };
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function layoutGraph(graph: ObjectGraph, options: Partial<LayoutOptions> = {}): Layout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT, ...options };
  const longestName = Math.max(0, ...graph.frames.flatMap((f) => [f.name.length + 2, ...f.names.map((n) => n.name.length + 3)]));
  const frameWidth = Math.max(o.frameWidthMin, Math.ceil(longestName * o.charWidth) + 28);

  const frames: FrameBox[] = [];
  let y = o.margin;
  graph.frames.forEach((f) => {
    const h = o.frameHeader + Math.max(1, f.names.length) * o.rowHeight + 6;
    const rows: NameRow[] = f.names.map((n, ni) => {
      const ry = y + o.frameHeader + ni * o.rowHeight;
      return {
        name: n.name,
        may: n.may,
        x: o.margin,
        y: ry,
        w: frameWidth,
        h: o.rowHeight,
        anchorX: o.margin + frameWidth - 12,
        anchorY: ry + o.rowHeight / 2,
      };
    });
    frames.push({ name: f.name, x: o.margin, y, w: frameWidth, h, rows });
    y += h + o.rowGap;
  });
  const framesBottom = frames.length ? y - o.rowGap : o.margin;

  const column = assignColumns(graph);
  const byColumn = new Map<number, GraphObject[]>();
  // Order inside a column: first reference order (frames top to bottom, then edges).
  const order: string[] = [];
  const seen = new Set<string>();
  const note = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      order.push(id);
    }
  };
  graph.frames.forEach((f) => f.names.forEach((n) => n.objects.forEach(note)));
  graph.edges.forEach((e) => {
    note(e.from);
    note(e.to);
  });
  graph.objects.forEach((ob) => note(ob.id));
  const objectById = new Map(graph.objects.map((ob) => [ob.id, ob]));
  for (const id of order) {
    const ob = objectById.get(id);
    if (!ob) {
      continue;
    }
    const c = column.get(id) ?? 0;
    const list = byColumn.get(c) ?? [];
    list.push(ob);
    byColumn.set(c, list);
  }

  const objectsLeft = o.margin + frameWidth + o.columnGap;
  const objects: ObjectBox[] = [];
  let maxBottom = framesBottom;
  let columns = 0;
  for (const [c, list] of [...byColumn.entries()].sort((a, b) => a[0] - b[0])) {
    columns = Math.max(columns, c + 1);
    list.forEach((ob, i) => {
      const box: ObjectBox = {
        id: ob.id,
        type: ob.type,
        label: truncate(ob.label, o.maxLabelChars),
        mutable: ob.mutable,
        shared: ob.shared,
        line: ob.line,
        column: c,
        x: objectsLeft + c * (o.objectWidth + o.columnGap),
        y: o.margin + i * (o.objectHeight + o.rowGap),
        w: o.objectWidth,
        h: o.objectHeight,
      };
      objects.push(box);
      maxBottom = Math.max(maxBottom, box.y + box.h);
    });
  }
  const boxById = new Map(objects.map((b) => [b.id, b]));

  const arrows: Arrow[] = [];
  graph.frames.forEach((f, fi) => {
    f.names.forEach((n, ni) => {
      const row = frames[fi].rows[ni];
      for (const id of n.objects) {
        const target = boxById.get(id);
        if (!target) {
          continue;
        }
        const c = curve(row.anchorX, row.anchorY, target.x, target.y + target.h / 2);
        arrows.push({
          kind: 'name',
          from: `${fi}:${n.name}`,
          to: id,
          may: n.may || n.objects.length > 1,
          label: '',
          d: c.d,
          labelX: c.mx,
          labelY: c.my,
        });
      }
    });
  });
  for (const e of graph.edges) {
    const s = boxById.get(e.from);
    const t = boxById.get(e.to);
    if (!s || !t) {
      continue;
    }
    const c = curve(s.x + s.w, s.y + s.h / 2, t.x, t.y + t.h / 2);
    arrows.push({ kind: 'edge', from: e.from, to: e.to, may: e.may, label: e.label, d: c.d, labelX: c.mx, labelY: c.my - 4 });
  }

  const width = objects.length
    ? objectsLeft + columns * o.objectWidth + (columns - 1) * o.columnGap + o.margin + 40
    : o.margin * 2 + frameWidth;
  return { width: Math.ceil(width), height: Math.ceil(maxBottom + o.margin), frames, objects, arrows };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The SVG markup; every element has a class the webview styles (see media/diagram.css). */
export function renderSvg(layout: Layout, title = 'Memory diagram'): string {
  const e = escapeXml;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="ml-graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${e(title)}">`,
  );
  parts.push(
    '<defs><marker id="ml-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="ml-arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
  );
  for (const f of layout.frames) {
    parts.push(`<g class="ml-frame" data-frame="${e(f.name)}">`);
    parts.push(`<rect class="ml-frame-box" x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" rx="4"/>`);
    parts.push(`<text class="ml-frame-name" x="${f.x + 8}" y="${f.y + 17}">${e(f.name)}</text>`);
    for (const row of f.rows) {
      parts.push(
        `<g class="ml-name${row.may ? ' ml-may' : ''}" data-name="${e(row.name)}">` +
          `<text class="ml-name-text" x="${row.x + 10}" y="${row.y + row.h / 2 + 4}">${e(row.name)}</text>` +
          `<circle class="ml-anchor" cx="${row.anchorX}" cy="${row.anchorY}" r="3"/></g>`,
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
    const cls = ['ml-object', b.mutable ? 'ml-mutable' : 'ml-immutable', b.shared ? 'ml-shared' : ''].filter(Boolean).join(' ');
    const tip = `${b.type} ${b.id}${b.line >= 0 ? `, created on line ${b.line + 1}` : ''}${b.shared ? ', shared' : ''}`;
    const line = b.line >= 0 ? ` data-line="${b.line}"` : '';
    parts.push(`<g class="${cls}" data-id="${e(b.id)}" data-type="${e(b.type)}"${line}><title>${e(tip)}</title>`);
    parts.push(`<rect class="ml-object-box" x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>`);
    parts.push(`<text class="ml-object-type" x="${b.x + 8}" y="${b.y + 15}">${e(b.type)}${b.shared ? ' · shared' : ''}</text>`);
    parts.push(`<text class="ml-object-label" x="${b.x + 8}" y="${b.y + 35}">${e(b.label)}</text>`);
    parts.push('</g>');
  }
  if (!layout.frames.length && !layout.objects.length) {
    parts.push(`<text class="ml-empty" x="16" y="24">No objects at this position.</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
