import type { ObjectGraph } from '../src/objectGraph';

/** The heap after `shallow_copy = copy.copy(original)` in examples/seed_tour.py. */
export const SHALLOW_COPY: ObjectGraph = {
  frames: [
    {
      name: 'module',
      names: [
        { name: 'original', objects: ['o1'], may: false },
        { name: 'shallow_copy', objects: ['o3'], may: false },
      ],
    },
  ],
  objects: [
    { id: 'o1', type: 'list', mutable: true, label: '[1, [2, 3], 4]', line: 64, shared: false },
    { id: 'o2', type: 'list', mutable: true, label: '[2, 3]', line: 64, shared: true },
    { id: 'o3', type: 'list', mutable: true, label: '[1, [2, 3], 4]', line: 65, shared: false },
  ],
  edges: [
    { from: 'o1', to: 'o2', label: '[1]', may: false },
    { from: 'o3', to: 'o2', label: '[1]', may: false },
  ],
};
