import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectGraph } from '../src/objectGraph';
import { Box, DEFAULT_LAYOUT, escapeXml, layoutGraph, OUTSIDE_GROUP, renderSvg, truncate } from '../src/svgLayout';
import { SHALLOW_COPY } from './fixtures';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('layoutGraph', () => {
  const layout = layoutGraph(SHALLOW_COPY);

  it('puts frames on the left and objects to their right', () => {
    assert.equal(layout.frames.length, 1);
    const frame = layout.frames[0];
    assert.deepEqual(frame.rows.map((r) => r.name), ['original', 'shallow_copy']);
    for (const o of layout.objects) {
      assert.ok(o.x >= frame.x + frame.w + 40, `${o.id} right of the frames`);
    }
  });

  it('places directly named objects in column 0 and nested ones further right', () => {
    const col = Object.fromEntries(layout.objects.map((o) => [o.id, o.column]));
    assert.deepEqual(col, { o1: 0, o3: 0, o2: 1 });
    const byId = Object.fromEntries(layout.objects.map((o) => [o.id, o]));
    assert.ok(byId.o2.x > byId.o1.x);
    assert.ok(byId.o1.y < byId.o3.y, 'first-named object first');
  });

  it('does not overlap boxes and fits everything in the canvas', () => {
    const boxes: Box[] = [...layout.frames, ...layout.objects];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        assert.ok(!overlaps(boxes[i], boxes[j]), `boxes ${i} and ${j} overlap`);
      }
      assert.ok(boxes[i].x + boxes[i].w <= layout.width && boxes[i].y + boxes[i].h <= layout.height);
    }
  });

  it('draws one arrow per name reference and per edge', () => {
    assert.deepEqual(
      layout.arrows.map((a) => `${a.kind} ${a.from}->${a.to}${a.label ? ' ' + a.label : ''}`),
      ['name 0:original->o1', 'name 0:shallow_copy->o3', 'edge o1->o2 [1]', 'edge o3->o2 [1]'],
    );
    const row = layout.frames[0].rows[0];
    assert.ok(layout.arrows[0].d.startsWith(`M${row.anchorX},${row.anchorY} `), 'name arrows start at the row anchor');
  });

  it('marks may-references: a may name, a name with several targets, a may edge', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'f', names: [{ name: 'a', objects: ['x'], may: true }, { name: 'b', objects: ['x', 'y'], may: false }] }],
      objects: [
        { id: 'x', type: 'list', mutable: true, label: '', line: 1, shared: true },
        { id: 'y', type: 'list', mutable: true, label: '', line: 2, shared: false },
      ],
      edges: [{ from: 'x', to: 'y', label: '[*]', may: true }],
    };
    const l = layoutGraph(g);
    assert.deepEqual(l.arrows.map((a) => a.may), [true, true, true, true]);
  });

  it('handles cycles, self references and unreferenced objects', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'module', names: [{ name: 'a', objects: ['a1'], may: false }] }],
      objects: [
        { id: 'a1', type: 'list', mutable: true, label: '[[...]]', line: 0, shared: false },
        { id: 'b1', type: 'dict', mutable: true, label: '{}', line: 3, shared: false },
        { id: 'c1', type: 'dict', mutable: true, label: '{}', line: 4, shared: false },
      ],
      edges: [
        { from: 'a1', to: 'a1', label: '[0]', may: false },
        { from: 'b1', to: 'c1', label: "['k']", may: false },
        { from: 'c1', to: 'b1', label: "['k']", may: false },
      ],
    };
    const l = layoutGraph(g);
    assert.equal(l.objects.length, 3);
    const col = Object.fromEntries(l.objects.map((o) => [o.id, o.column]));
    assert.deepEqual(col, { a1: 0, b1: 0, c1: 1 });
    const self = l.arrows.find((a) => a.from === 'a1' && a.to === 'a1');
    assert.ok(self && self.x2 === self.x1, 'a self edge leaves and comes back on the right side');
    assert.ok(self && Math.max(...(self.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number).filter((_, i) => i % 2 === 0)) > self.x1 + 30, 'bulging out');
  });

  it('gives an empty graph a small canvas', () => {
    const l = layoutGraph({ frames: [], objects: [], edges: [] });
    assert.equal(l.objects.length, 0);
    assert.ok(l.width > 0 && l.height > 0);
  });

  it('widens frames for long names', () => {
    const long = 'a_really_long_variable_name_for_testing';
    const l = layoutGraph({ frames: [{ name: 'module', names: [{ name: long, objects: [], may: false }] }], objects: [], edges: [] });
    assert.ok(l.frames[0].w >= long.length * 7);
  });
});

describe('renderSvg', () => {
  const svg = renderSvg(layoutGraph(SHALLOW_COPY), 'Memory at seed_tour.py:66');

  it('is one svg element with classes for theme styling and no inline style', () => {
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="ml-graph"'));
    assert.ok(svg.endsWith('</svg>'));
    assert.ok(!/style=/.test(svg), 'CSP forbids inline style');
    assert.ok(!/<script/.test(svg));
    assert.ok(!/#[0-9a-fA-F]{3,6}\b/.test(svg.replace(/url\(#ml-arrow\)/g, '')), 'no hard-coded colours');
  });

  it('shows names, types, labels; highlights shared objects; dashes may arrows through a class', () => {
    assert.match(svg, /data-name="original"/);
    assert.match(svg, /data-name="shallow_copy"/);
    assert.equal((svg.match(/class="ml-object ml-mutable"/g) ?? []).length, 2);
    assert.equal((svg.match(/class="ml-object ml-mutable ml-shared" data-id="o2" data-type="list" data-line="64"/g) ?? []).length, 1);
    assert.match(svg, />\[2, 3\]</);
    assert.match(svg, />list · shared</);
    assert.match(svg, /aria-label="Memory at seed_tour.py:66"/);
    const may = renderSvg(layoutGraph({ ...SHALLOW_COPY, edges: [{ from: 'o1', to: 'o2', label: '[1]', may: true }] }));
    assert.match(may, /class="ml-arrow ml-arrow-edge ml-may"/);
  });

  it('escapes everything that comes from the server', () => {
    const evil: ObjectGraph = {
      frames: [{ name: '<script>', names: [{ name: 'x"&', objects: ['1'], may: false }] }],
      objects: [{ id: '1"><script>', type: 'str', mutable: false, label: "'<b>'", line: -1, shared: false }],
      edges: [],
    };
    evil.frames[0].names[0].objects = ['1"><script>'];
    const out = renderSvg(layoutGraph(evil));
    assert.ok(!out.includes('<script>'));
    assert.ok(!out.includes('<b>'));
    assert.match(out, /&lt;script&gt;/);
    assert.match(out, /x&quot;&amp;/);
    assert.ok(!out.includes('data-line'), 'unknown line: no data-line');
  });

  it('says so when there is nothing to draw', () => {
    assert.match(renderSvg(layoutGraph({ frames: [], objects: [], edges: [] })), /No objects at this position/);
  });
});

describe('text helpers', () => {
  it('truncate keeps short text and cuts long text with an ellipsis', () => {
    assert.equal(truncate('[1, 2]', 10), '[1, 2]');
    assert.equal(truncate('abcdefghijk', 5), 'abcd…');
    assert.equal(Array.from(truncate('😀😀😀😀😀😀', 4)).length, 4);
  });
  it('escapeXml escapes the five characters', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

// ---------------------------------------------------------------- the Python Tutor layout

type Pt = { x: number; y: number };

/** Points along an arrow's cubic curve (`M x,y C x,y x,y x,y`). */
function samples(d: string, n = 32): Pt[] {
  const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  assert.equal(nums.length, 8, `a single cubic: ${d}`);
  const [x0, y0, x1, y1, x2, y2, x3, y3] = nums;
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push({
      x: u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
      y: u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
    });
  }
  return out;
}

function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const cross = (p: Pt, q: Pt, r: Pt) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Pairs of arrows that cross (touching at a shared end does not count). */
function crossings(layout: ReturnType<typeof layoutGraph>): string[] {
  const found: string[] = [];
  const arrows = layout.arrows.map((a) => ({ a, pts: samples(a.d) }));
  for (let i = 0; i < arrows.length; i++) {
    for (let j = i + 1; j < arrows.length; j++) {
      let p = arrows[i].pts;
      let q = arrows[j].pts;
      const A = arrows[i].a;
      const B = arrows[j].a;
      if (Math.abs(A.x1 - B.x1) < 0.5 && Math.abs(A.y1 - B.y1) < 0.5) {
        p = p.slice(2);
        q = q.slice(2);
      }
      if (Math.abs(A.x2 - B.x2) < 0.5 && Math.abs(A.y2 - B.y2) < 0.5) {
        p = p.slice(0, -2);
        q = q.slice(0, -2);
      }
      outer: for (let s = 0; s + 1 < p.length; s++) {
        for (let t = 0; t + 1 < q.length; t++) {
          if (segmentsCross(p[s], p[s + 1], q[t], q[t + 1])) {
            found.push(`${A.from}->${A.to} x ${B.from}->${B.to}`);
            break outer;
          }
        }
      }
    }
  }
  return found;
}

/** A small deterministic generator, so a failing tree can be rebuilt from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A random tree-shaped heap: each object has one referrer (a name or one container slot). */
function randomTree(seed: number, size: number): ObjectGraph {
  const rand = rng(seed);
  const objects: ObjectGraph['objects'] = [];
  const edges: ObjectGraph['edges'] = [];
  const names: ObjectGraph['frames'][0]['names'] = [];
  const kinds = ['list', 'dict', 'Point'];
  for (let i = 0; i < size; i++) {
    const type = kinds[Math.floor(rand() * kinds.length)];
    const id = `o${i}`;
    const ob: ObjectGraph['objects'][0] = { id, type, mutable: true, label: type === 'list' ? `[${i}, …]` : '{…}', line: i, shared: false };
    if (type !== 'list') {
      ob.entries = [{ slot: '.n', key: 'n', value: String(i), may: false }];
    }
    objects.push(ob);
    const parentCandidates = objects.slice(0, i);
    if (i < 3 || rand() < 0.2 || parentCandidates.length === 0) {
      names.push({ name: `v${i}`, objects: [id], may: false });
      if (rand() < 0.5) {
        names.push({ name: `n${i}`, objects: [], may: false, value: String(i) });
      }
    } else {
      const parent = parentCandidates[Math.floor(rand() * parentCandidates.length)];
      const slot = parent.type === 'list' ? `[${edges.filter((e) => e.from === parent.id).length}]` : parent.type === 'dict' ? `['k${i}']` : `.a${i}`;
      if (parent.entries) {
        parent.entries.push({ slot, key: slot.replace(/^\./, '').replace(/^\[|\]$/g, ''), may: false });
      }
      edges.push({ from: parent.id, to: id, label: slot, may: rand() < 0.2 });
    }
  }
  return { frames: [{ name: 'module', names }], objects, edges };
}

describe('layoutGraph: Python Tutor style', () => {
  it('draws tree-shaped heaps without crossing arrows (200 random trees of 5 to 50 objects)', () => {
    let arrows = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const g = randomTree(seed, 5 + (seed % 46));
      const l = layoutGraph(g);
      arrows += l.arrows.length;
      assert.deepEqual(crossings(l), [], `tree ${seed} (${g.objects.length} objects)`);
    }
    assert.ok(arrows > 2000, `checked ${arrows} arrows`);
  });

  it('detects a crossing when there is one (the check is not vacuous)', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'module', names: [{ name: 'a', objects: ['x'], may: false }, { name: 'b', objects: ['y'], may: false }] }],
      objects: [
        { id: 'x', type: 'list', mutable: true, label: '', line: 0, shared: false },
        { id: 'y', type: 'list', mutable: true, label: '', line: 1, shared: false },
      ],
      edges: [],
    };
    const l = layoutGraph(g);
    const swapped = { ...l, arrows: [{ ...l.arrows[0] }, { ...l.arrows[1] }] };
    const [a, b] = swapped.arrows;
    const [ta, tb] = [l.objects.find((o) => o.id === 'x') as Box, l.objects.find((o) => o.id === 'y') as Box];
    a.d = `M${a.x1},${a.y1} C${a.x1 + 40},${a.y1} ${tb.x - 40},${tb.y + 10} ${tb.x},${tb.y + 10}`;
    b.d = `M${b.x1},${b.y1} C${b.x1 + 40},${b.y1} ${ta.x - 40},${ta.y + 10} ${ta.x},${ta.y + 10}`;
    assert.equal(crossings(swapped).length, 1);
  });

  it('stays readable at 50 objects: no overlaps, text at full size, a bounded width', () => {
    const g = randomTree(7, 50);
    const l = layoutGraph(g);
    assert.equal(l.objects.length, 50);
    const boxes: Box[] = [...l.frames, ...l.objects];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        assert.ok(!overlaps(boxes[i], boxes[j]), `boxes ${i} and ${j} overlap`);
      }
    }
    for (const b of l.objects) {
      assert.ok(b.w >= DEFAULT_LAYOUT.objectWidthMin && b.w <= DEFAULT_LAYOUT.objectWidthMax, `${b.id} is ${b.w} wide`);
      assert.ok(Array.from(b.label).length <= DEFAULT_LAYOUT.maxLabelChars);
    }
    // A 1400 px wide editor shows the diagram beside the code at no less than 60 % of its size.
    assert.ok(l.width <= 1200, `width ${l.width}`);
    // eslint-disable-next-line no-console -- a figure for the reader of the test log, not an assertion
    console.log(`      50 objects: ${l.width} x ${l.height} px, ${l.arrows.length} arrows`);
  });

  it('puts numbers and strings inline in the frame, without an arrow', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'module', names: [{ name: 'x', objects: [], may: false, value: '10' }, { name: 'nums', objects: ['o1'], may: false }] }],
      objects: [{ id: 'o1', type: 'list', mutable: true, label: '[1, 2, 3]', line: 2, shared: false }],
      edges: [],
    };
    const l = layoutGraph(g);
    assert.equal(l.frames[0].rows[0].value, '10');
    assert.deepEqual(l.arrows.map((a) => a.from), ['0:nums']);
    const svg = renderSvg(l);
    assert.match(svg, /<g class="ml-name" data-name="x" data-value="10"><text class="ml-name-text"[^>]*>x<\/text><text class="ml-name-value"[^>]*>10<\/text><\/g>/);
    assert.match(svg, />\[1, 2, 3\]</);
  });

  it('draws dict entries and attributes as rows; an object in a row gets its arrow from that row', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'module', names: [{ name: 'p', objects: ['p1'], may: false }] }],
      objects: [
        {
          id: 'p1', type: 'Point', mutable: true, label: 'Point instance', line: 5, shared: false, paths: ['p'],
          entries: [{ slot: '.x', key: 'x', value: '3', may: false }, { slot: '.tags', key: 'tags', may: false }],
        },
        { id: 't1', type: 'list', mutable: true, label: "['a']", line: 6, shared: false, paths: ['p.tags'] },
      ],
      edges: [{ from: 'p1', to: 't1', label: '.tags', may: false }],
    };
    const l = layoutGraph(g);
    const p = l.objects.find((o) => o.id === 'p1') as ReturnType<typeof layoutGraph>['objects'][0];
    const edge = l.arrows.find((a) => a.kind === 'edge') as ReturnType<typeof layoutGraph>['arrows'][0];
    assert.equal(edge.y1, p.entries[1].y, 'from the tags row');
    assert.equal(edge.x1, p.x + p.w);
    assert.equal(edge.label, '', 'the row already names the slot');
    const svg = renderSvg(l);
    assert.match(svg, /data-slot="\.x"[^]*>x<\/text><text class="ml-entry-value"[^>]*>3</);
    assert.match(svg, /class="ml-object-path"[^>]*>p\.tags</);
  });

  it('collapses objects from outside into one group, and expands it on request', () => {
    const g: ObjectGraph = {
      frames: [{ name: 'module', names: [{ name: 'a', objects: ['u1'], may: false }, { name: 'b', objects: ['u2'], may: false }, { name: 'c', objects: ['l1'], may: false }] }],
      objects: [
        { id: 'u1', type: 'object', mutable: true, label: '<object ×n>', line: -1, shared: false, outside: true },
        { id: 'u2', type: 'object', mutable: true, label: '<object ×n>', line: -1, shared: false, outside: true },
        { id: 'l1', type: 'list', mutable: true, label: '[…]', line: 3, shared: false },
      ],
      edges: [{ from: 'l1', to: 'u1', label: '[0]', may: false }],
    };
    const folded = layoutGraph(g);
    assert.equal(folded.outsideCount, 2);
    assert.deepEqual(folded.objects.map((o) => o.id).sort(), [OUTSIDE_GROUP, 'l1'].sort());
    // names that hold only an object from outside say so in their row instead of an arrow across the picture
    assert.deepEqual(folded.arrows.map((a) => `${a.from}->${a.to}`), ['0:c->l1', `l1->${OUTSIDE_GROUP}`]);
    assert.deepEqual(folded.frames[0].rows.map((row) => row.outside === true), [true, true, false]);
    const svg = renderSvg(folded);
    assert.match(svg, /data-action="toggle-outside"/);
    assert.equal((svg.match(/class="ml-to-outside"/g) ?? []).length, 2);
    const open = layoutGraph(g, { expandOutside: true });
    assert.deepEqual(open.objects.map((o) => o.id).sort(), ['l1', 'u1', 'u2']);
    assert.equal(open.objects.filter((o) => o.outside).length, 2);
  });

  it('exports a standalone SVG with its own colours', () => {
    const svg = renderSvg(layoutGraph(SHALLOW_COPY), 'Memory at seed_tour.py:69', { standalone: true });
    assert.match(svg, /^<svg [^>]*><title>Memory at seed_tour.py:69<\/title><style>[^<]*\.ml-shared \.ml-object-box\{stroke:#/);
    assert.ok(!/style=/.test(svg));
  });
});
