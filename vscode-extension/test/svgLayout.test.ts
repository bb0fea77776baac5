import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectGraph } from '../src/objectGraph';
import { Box, escapeXml, layoutGraph, renderSvg, truncate } from '../src/svgLayout';
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
    assert.ok(self && self.d.includes(' S'), 'self edge loops around');
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
