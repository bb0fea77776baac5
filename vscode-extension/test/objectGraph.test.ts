import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeGraph } from '../src/objectGraph';
import { SHALLOW_COPY } from './fixtures';

describe('normalizeGraph', () => {
  it('keeps a well-formed response as it is', () => {
    const { graph, problems } = normalizeGraph(JSON.parse(JSON.stringify(SHALLOW_COPY)));
    assert.deepEqual(graph, SHALLOW_COPY);
    assert.deepEqual(problems, []);
  });

  it('treats null (no analysis yet) as an empty graph', () => {
    assert.deepEqual(normalizeGraph(null).graph, { frames: [], objects: [], edges: [] });
  });

  it('fills defaults for missing fields', () => {
    const { graph } = normalizeGraph({ frames: [{ name: 'module', names: [{ name: 'x', objects: [7] }] }], objects: [{ id: 7 }] });
    assert.deepEqual(graph, {
      frames: [{ name: 'module', names: [{ name: 'x', objects: ['7'], may: false }] }],
      objects: [{ id: '7', type: 'object', mutable: false, label: '', line: -1, shared: false }],
      edges: [],
    });
  });

  it('drops dangling references and duplicates, and says what it dropped', () => {
    const { graph, problems } = normalizeGraph({
      frames: [{ name: 'module', names: [{ name: 'x', objects: ['a', 'ghost'] }, { name: '' }] }],
      objects: [{ id: 'a', type: 'list' }, { id: 'a', type: 'dict' }, { type: 'int' }],
      edges: [{ from: 'a', to: 'ghost', label: '[0]' }],
    });
    assert.deepEqual(graph.frames[0].names, [{ name: 'x', objects: ['a'], may: false }]);
    assert.equal(graph.objects.length, 1);
    assert.equal(graph.objects[0].type, 'list');
    assert.deepEqual(graph.edges, []);
    assert.deepEqual(problems, [
      'duplicate object id a',
      'object without id',
      'x refers to unknown objects ghost',
      'name without text',
      'edge a -> ghost refers to unknown objects',
    ]);
  });

  it('survives garbage', () => {
    for (const raw of [42, 'x', [], { frames: 'no', objects: {}, edges: null }]) {
      assert.deepEqual(normalizeGraph(raw).graph, { frames: [], objects: [], edges: [] });
    }
  });
});
