// The notebook scenario of the VS Code end-to-end test (e2e.mjs runs it with
// its own helpers): a Jupyter notebook opened in code-server's notebook
// editor, its Python cells analyzed by the MemLens server as one module
// (LSP notebook sync). It checks that aliasing across cells is shown with the
// cell of the other name, and that a diagnostic lands in the right cell.
import * as fs from 'node:fs';
import * as path from 'node:path';

// Cell texts: the notebook's story is "df2 = df in one cell, an in-place
// change in another". A markdown cell sits between; the IPython magic must
// not break the parse.
const CELLS = [
  { kind: 'code', text: 'import copy\ndf = {"a": [1, 2]}' },
  { kind: 'markdown', text: '## Aliasing\n`df2 = df` copies nothing.' },
  { kind: 'code', text: '%matplotlib inline\ndf2 = df' },
  { kind: 'code', text: 'df2["b"] = [3]\ns = copy.copy(df)\ns["a"].append(4)' },
];

const EXPECT = {
  aliasLine: /^df2 = df\s*$/,
  aliasHint: /(^| )≡ df \(cell 1\)( |$)/,
  mutationLine: /^df2\["b"\] = \[3\]\s*$/,
  mutationHint: /(^| )also changes df \(cell 1\)/,
  diagnosticLine: /^s\["a"\]\.append\(4\)\s*$/,
};

/** The notebook as Jupyter writes it (nbformat 4), so VS Code's built-in ipynb support opens it. */
function ipynb() {
  const lines = (t) => t.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  return JSON.stringify(
    {
      cells: CELLS.map((c) =>
        c.kind === 'code'
          ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: lines(c.text) }
          : { cell_type: 'markdown', metadata: {}, source: lines(c.text) },
      ),
      metadata: {
        kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
        language_info: { name: 'python' },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** Each cell editor of the notebook: its index among the rendered cells, its lines with their hint texts and squiggles. */
async function cellEditors(page) {
  return page.evaluate(() => {
    const editors = [...document.querySelectorAll('.notebookOverlay .cell-editor-container .monaco-editor, .notebook-editor .cell-editor-container .monaco-editor')];
    const seen = new Set();
    return editors
      .filter((e) => (seen.has(e) ? false : (seen.add(e), true)))
      .map((editor, index) => {
        const lines = [...editor.querySelectorAll('.view-lines .view-line')]
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map((line) => {
            const hints = [...line.querySelectorAll('span[class*="dyn-rule-"]')].map((s) => s.textContent.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
            const clone = line.cloneNode(true);
            clone.querySelectorAll('span[class*="dyn-rule-"]').forEach((s) => s.remove());
            return { text: clone.textContent.replace(/\u00a0/g, ' '), hintText: hints.join(' ') };
          });
        return { index, lines, squiggles: editor.querySelectorAll('[class*="squiggly-"]').length };
      });
  });
}

/** The first line of any cell editor whose text matches `lineRe`, once `accept` holds for its hints (or the time is up). */
async function lineWith(page, h, lineRe, accept, timeoutMs = 30000) {
  let found;
  await h.waitFor(async () => {
    for (const cell of await cellEditors(page)) {
      const line = cell.lines.find((l) => lineRe.test(l.text));
      if (line) {
        found = { cell, line };
        return accept(line.hintText, cell);
      }
    }
    return false;
  }, timeoutMs);
  return found;
}

/** Ctrl+P, as e2e.mjs's quickOpen, but a notebook has no text editor of its own to wait for: its cells are waited for after. */
async function openNotebook(page, h, fileName) {
  // The workbench takes keys only once it has focus.
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => {});
  await page.mouse.move(5, 500);
  await h.quickInputType(page, 'Control+P', fileName, async (p) => (await h.focusedQuickPickRow(p)).includes(fileName), `Ctrl+P ${fileName}`);
  const openedAt = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${fileName}"]`, { timeout: 15000 });
  return openedAt;
}

export async function notebookScenario(browser, h) {
  const S = 'notebook';
  const runDir = path.join(h.options.out, 'notebook');
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(path.join(ws, 'analysis.ipynb'), ipynb());

  const env = h.codeServerEnv(runDir, {});
  h.writeSettings(path.join(runDir, 'user'), {});
  const inst = h.installVsix(runDir, env);
  if (!h.report(S, 'install vsix', inst.ok, inst.ok ? path.basename(h.options.vsix) : inst.output.slice(-400))) {
    return;
  }
  const cs = await h.startCodeServer(runDir, ws, env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(30000);
  try {
    if (!h.report(S, 'code-server starts', cs.healthy, cs.url)) {
      return;
    }
    await h.openWorkbench(page, cs, ws);
    const openedAt = await openNotebook(page, h, 'analysis.ipynb');
    const rendered = await h.waitFor(async () => ((await cellEditors(page)).length >= 3 ? await cellEditors(page) : null), 60000);
    await h.shot(page, runDir, 'opened');
    h.report(S, 'the notebook opens with its code cells', !!rendered, `${(rendered ?? (await cellEditors(page))).length} cell editors rendered`);

    const alias = await lineWith(page, h, EXPECT.aliasLine, (t) => EXPECT.aliasHint.test(t));
    const firstAt = Date.now();
    h.report(
      S,
      'cross-cell alias hint: df2 = df  ≡ df (cell 1)',
      !!alias && EXPECT.aliasHint.test(alias.line.hintText),
      alias ? `"${alias.line.text.trim()}" shows "${alias.line.hintText}" (${firstAt - openedAt} ms from Enter in Ctrl+P to this hint: a figure, not a limit)` : 'no line "df2 = df" in any cell editor',
    );
    const mutation = await lineWith(page, h, EXPECT.mutationLine, (t) => EXPECT.mutationHint.test(t));
    h.report(
      S,
      'cross-cell mutation hint: also changes df (cell 1)',
      !!mutation && EXPECT.mutationHint.test(mutation.line.hintText),
      mutation ? `"${mutation.line.text.trim()}" shows "${mutation.line.hintText}"` : 'no line df2["b"] = [3] in any cell editor',
    );
    const diag = await lineWith(page, h, EXPECT.diagnosticLine, (_t, cell) => cell.squiggles > 0);
    const squiggledCells = (await cellEditors(page)).filter((c) => c.squiggles > 0).map((c) => c.index);
    h.report(
      S,
      'MEM101 squiggle in the third code cell only',
      !!diag && diag.cell.squiggles > 0 && squiggledCells.length === 1 && squiggledCells[0] === diag.cell.index,
      `cells with squiggles: ${JSON.stringify(squiggledCells)}; s["a"].append(4) is in cell editor ${diag?.cell.index ?? '?'}`,
    );
    await h.shot(page, runDir, 'notebook', alias && mutation ? 'vscode-notebook.png' : undefined);

    const errors = (await h.notifications(page)).filter((n) => n.severity === 'error');
    h.report(S, 'no error notifications', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message)) : 'none');
  } finally {
    const failed = h.results.some((r) => r.scenario === S && (r.status === 'FAIL' || r.status === 'XPASS'));
    h.saveLog(runDir, 'some checks failed', failed);
    await page.close().catch(() => {});
    await h.stopCodeServer(cs);
  }
}
