// A STUB language server for the e2e self-test (`run.sh --stub-server`).
// It is not MemLens: it finds the lines of examples/seed_tour.py with regular
// expressions and answers with the shapes the real server is expected to
// produce (hints, MEM101, hover, the deepcopy quick fix, memlens/objectGraph),
// so the e2e script, its selectors and the extension can be checked before
// the real analysis exists. Keep it small; it is a test double, not a model.
import lsp from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

const { createConnection, TextDocuments, ProposedFeatures, TextDocumentSyncKind, InlayHintKind, DiagnosticSeverity, CodeActionKind } = lsp;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

function lines(doc) {
  return doc.getText().split(/\r?\n/);
}

function find(doc, re) {
  const ls = lines(doc);
  for (let i = 0; i < ls.length; i++) {
    const m = re.exec(ls[i]);
    if (m) {
      return { line: i, text: ls[i], index: m.index, match: m[0] };
    }
  }
  return undefined;
}

function mem101(doc) {
  const hit = find(doc, /^shallow_copy\[1\]\[0\] = 99/);
  const copy = find(doc, /^shallow_copy = copy\.copy\(/);
  if (!hit || !copy) {
    return [];
  }
  return [
    {
      range: { start: { line: hit.line, character: 0 }, end: { line: hit.line, character: 'shallow_copy[1]'.length } },
      severity: DiagnosticSeverity.Warning,
      source: 'memlens',
      code: 'MEM101',
      message: 'shallow_copy[1] is the same list as original[1]: copy.copy made a shallow copy, so this assignment changes original too.',
      data: { fix: 'deepcopy', line: copy.line, start: copy.text.indexOf('copy.copy'), end: copy.text.indexOf('copy.copy') + 'copy.copy'.length },
    },
  ];
}

connection.onInitialize(() => {
  connection.console.error('MemLens STUB server (e2e self-test) started; this is not the real analysis');
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      inlayHintProvider: true,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      executeCommandProvider: { commands: ['memlens.explainRule'] },
    },
    serverInfo: { name: 'memlens-stub', version: '0.0.0' },
  };
});

documents.onDidChangeContent((e) => {
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: mem101(e.document) });
});

connection.languages.inlayHint.on((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) {
    return [];
  }
  const hints = [];
  const add = (re, label, tooltip) => {
    const h = find(doc, re);
    if (h) {
      hints.push({ position: { line: h.line, character: h.text.length }, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip });
    }
  };
  add(/^y = x$/, '≡ x', 'y and x are the same object');
  add(/^x = \[1, 2, 3\]$/, 'refs: 1', 'one reference: x');
  add(/^shallow_copy = copy\.copy\(original\)/, 'shallow: [1] shared with original', 'copy.copy copies one level');
  return hints;
});

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  const line = doc ? lines(doc)[params.position.line] ?? '' : '';
  const m = /^(\w+)\s*=/.exec(line);
  if (!m || params.position.character > m[1].length) {
    return null;
  }
  return {
    contents: {
      kind: 'markdown',
      value: `**${m[1]}** is bound to a new reference here.\n\nMemLens (stub): \`${m[1]}\` refers to an object that other names may share.`,
    },
  };
});

connection.onCodeAction((params) => {
  const actions = [];
  for (const d of params.context.diagnostics) {
    if (d.code === 'MEM101' && d.data && d.data.fix === 'deepcopy') {
      const { line, start, end } = d.data;
      actions.push({
        title: 'Use copy.deepcopy (MEM101)',
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: {
          changes: {
            [params.textDocument.uri]: [{ range: { start: { line, character: start }, end: { line, character: end } }, newText: 'copy.deepcopy' }],
          },
        },
      });
    }
  }
  return actions;
});

connection.onExecuteCommand((params) => {
  if (params.command === 'memlens.explainRule') {
    const code = String(params.arguments?.[0] ?? '');
    return `# ${code} shallow-copy-shares-nested\n\n(stub) A shallow copy shares its nested objects with the original.`;
  }
  return null;
});

connection.onRequest('memlens/objectGraph', (params) => {
  const doc = documents.get(params.textDocument.uri);
  const copy = doc && find(doc, /^shallow_copy = copy\.copy\(original\)/);
  const origin = doc && find(doc, /^original = /);
  if (!copy || !origin || params.position.line < copy.line) {
    return { frames: [{ name: 'module', names: [] }], objects: [], edges: [] };
  }
  return {
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
      { id: 'o1', type: 'list', mutable: true, label: '[1, [2, 3], 4]', line: origin.line, shared: false },
      { id: 'o2', type: 'list', mutable: true, label: '[2, 3]', line: origin.line, shared: true },
      { id: 'o3', type: 'list', mutable: true, label: '[1, [2, 3], 4]', line: copy.line, shared: false },
    ],
    edges: [
      { from: 'o1', to: 'o2', label: '[1]', may: false },
      { from: 'o3', to: 'o2', label: '[1]', may: false },
    ],
  };
});

documents.listen(connection);
connection.listen();
