// The "diagram" scenario of the VS Code end-to-end test (e2e.mjs runs it):
// the learning profile's hints on the tutorial, and the memory diagram, drawn
// like Python Tutor's, on the tutorial and on a realistic module
// (examples/inventory.py): the objects, their values inline, shared objects
// highlighted, the export as SVG. Every check reads what the real VS Code
// shows (the editor's inlay hints, the diagram webview's SVG, the file on disk).
import * as fs from 'node:fs';
import * as path from 'node:path';

// What the real server shows; lines are found by their text, so the examples can grow.
const LEARNING = [
  // §1: assignment binds a second name to the same int
  { line: /^y = x$/, hint: /(^| )≡ x( |$)/, what: 'alias of an int' },
  // §1: both ids are the same number
  { line: /^print\(id\(x\), id\(y\)\)/, hint: /(^| )same id as x( |$)/, what: 'id() of two names' },
  // §3: a list changed in place keeps its identity
  { line: /^nums\.append\(4\)/, hint: /(^| )same list, changed in place( |$)/, what: 'in-place mutation' },
  // §3: rebinding, and what happens to the old (cached) int
  { line: /^x = 200/, hint: /(^| )now another int; old 100 stays cached( |$)/, what: 'rebinding' },
];

function lineIn(text, re, file) {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) {
    throw new Error(`${file} has no line matching ${re}`);
  }
  return i + 1;
}

/** What the diagram webview draws: objects (type, label, rows, paths, shared), names (value or arrows). */
async function readDiagram(frame) {
  return frame.evaluate(() => ({
    note: document.getElementById('note')?.textContent ?? '',
    caption: document.getElementById('caption')?.textContent ?? '',
    outsideButton: document.getElementById('outside-toggle')?.hidden === false ? document.getElementById('outside-toggle').textContent : '',
    objects: [...document.querySelectorAll('g.ml-object')].map((o) => ({
      id: o.getAttribute('data-id'),
      type: o.getAttribute('data-type'),
      shared: o.classList.contains('ml-shared'),
      group: o.classList.contains('ml-group'),
      label: o.querySelector('.ml-object-label')?.textContent ?? '',
      paths: o.getAttribute('data-paths') ?? '',
      rows: [...o.querySelectorAll('g.ml-entry')].map((r) => ({
        key: r.querySelector('.ml-entry-key')?.textContent ?? '',
        value: r.querySelector('.ml-entry-value')?.textContent ?? null,
      })),
    })),
    names: [...document.querySelectorAll('g.ml-name')].map((n) => ({ name: n.getAttribute('data-name'), value: n.getAttribute('data-value') })),
    arrows: [...document.querySelectorAll('path.ml-arrow-name')].map((a) => ({ from: a.getAttribute('data-from'), to: a.getAttribute('data-to') })),
    dashed: document.querySelectorAll('path.ml-arrow.ml-may').length,
  }));
}

/** The diagram once it shows the frame name `name` bound (by an arrow) to an object. */
async function diagramWith(h, page, name, timeoutMs = 20000) {
  let last = null;
  await h.waitFor(async () => {
    const frame = await h.diagramFrame(page);
    if (!frame) {
      return null;
    }
    last = await readDiagram(frame);
    return last.arrows.some((a) => a.from.endsWith(`:${name}`)) ? last : null;
  }, timeoutMs);
  return last;
}

function objectOf(d, name) {
  const to = d?.arrows.find((a) => a.from.endsWith(`:${name}`))?.to;
  return d?.objects.find((o) => o.id === to);
}

function brief(o) {
  return o ? `${o.type} ${o.id}${o.shared ? ' (shared)' : ''} "${o.label}"${o.rows.length ? ` rows ${JSON.stringify(o.rows)}` : ''}${o.paths ? ` paths ${o.paths}` : ''}` : 'nothing';
}

export async function diagramScenario(browser, h) {
  const S = 'diagram';
  const runDir = path.join(h.options.out, 'diagram');
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  for (const f of ['seed_tour.py', 'inventory.py']) {
    fs.copyFileSync(path.join(h.repoDir, 'examples', f), path.join(ws, f));
  }
  const tour = fs.readFileSync(path.join(ws, 'seed_tour.py'), 'utf8');
  const inventory = fs.readFileSync(path.join(ws, 'inventory.py'), 'utf8');

  const env = h.codeServerEnv(runDir, {});
  h.writeSettings(path.join(runDir, 'user'), { 'memlens.profile': 'learning' });
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
    await h.waitFor(() => /Eager extensions activated/.test(h.extHostLog(runDir)), 60000, 200);
    await h.quickOpen(page, 'seed_tour.py');

    // The learning profile (memlens.profile = learning): the tutorial's facts inline.
    let learned = 0;
    for (const fact of LEARNING) {
      const lineNo = lineIn(tour, fact.line, 'seed_tour.py');
      const seen = await h.hintsOn(page, lineNo, (t) => fact.hint.test(t), 30000);
      if (h.report(S, `learning hint: ${fact.what}`, fact.hint.test(seen.hintText), `line ${lineNo} "${seen.text.trim()}" hints "${seen.hintText}"`)) {
        learned++;
      }
    }
    await h.gotoLine(page, lineIn(tour, /^x = 200/, 'seed_tour.py'));
    await h.shot(page, runDir, 'learning', learned === LEARNING.length ? 'vscode-learning.png' : undefined);

    // The diagram on the tutorial, before `shallow_copy[1][0] = 99`.
    const mutateLine = lineIn(tour, /^shallow_copy\[1\]\[0\] = 99/, 'seed_tour.py');
    await h.gotoLine(page, mutateLine);
    await h.runCommand(page, 'MemLens: Show Memory Diagram');
    const d = await diagramWith(h, page, 'shallow_copy');
    const original = objectOf(d, 'original');
    const copy = objectOf(d, 'shallow_copy');
    const values = !!original && !!copy && original.id !== copy.id && original.label === '[1, [2, 3], 4]' && copy.label === '[1, [2, 3], 4]';
    h.report(S, 'tutorial diagram: values inline', values, `original -> ${brief(original)}; shallow_copy -> ${brief(copy)}`);
    const inner = d?.objects.find((o) => o.label === '[2, 3]');
    h.report(
      S,
      'tutorial diagram: the shared nested list',
      !!inner && inner.shared && /original\[1\]/.test(inner.paths) && /shallow_copy\[1\]/.test(inner.paths),
      `${brief(inner)}; ${d ? d.objects.filter((o) => o.shared).length : 0} shared of ${d?.objects.length ?? 0} objects`,
    );
    const y = d?.names.find((n) => n.name === 'y');
    const s1 = d?.names.find((n) => n.name === 's1');
    h.report(S, 'tutorial diagram: numbers and strings in the frame', y?.value === '10' && s1?.value === "'hello'", `y = ${y?.value ?? 'no row'}, s1 = ${s1?.value ?? 'no row'}`);
    await h.settled(page, '.editor-group-container');
    await h.shot(page, runDir, 'diagram-tutorial', values && inner?.shared ? 'vscode-diagram-tutorial.png' : undefined);

    // Export as SVG: the save dialog (VS Code's simple one in code-server) proposes seed_tour-memory.svg beside the file.
    const svgFile = path.join(ws, 'seed_tour-memory.svg');
    await h.runCommand(page, 'MemLens: Export Memory Diagram as SVG');
    const dialog = await h.waitFor(() => page.$(`${h.quickInput} .quick-input-box input`), 15000);
    if (dialog) {
      const proposed = await page.locator(`${h.quickInput} .quick-input-box input`).inputValue().catch(() => '');
      h.log(`save dialog proposes "${proposed}"`);
      await page.keyboard.press('Enter');
    }
    const saved = await h.waitFor(() => (fs.existsSync(svgFile) ? fs.readFileSync(svgFile, 'utf8') : null), 15000);
    h.report(
      S,
      'export as SVG',
      !!saved && saved.includes('<svg') && saved.includes('data-name="shallow_copy"') && saved.includes('<style>'),
      saved ? `${path.basename(svgFile)}: ${saved.length} bytes, ${(saved.match(/class="ml-object /g) ?? []).length} objects` : `no ${path.basename(svgFile)} in the workspace`,
    );

    // The realistic module, before the line that appends through the shallow copy; the side bar closed, as one
    // does to give a diagram room.
    await h.closeOtherGroups(page);
    await h.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await h.quickOpen(page, 'inventory.py');
    const appendLine = lineIn(inventory, /^backup\["metal"\]\.append\(washers\)/, 'inventory.py');
    await h.gotoLine(page, appendLine);
    await h.runCommand(page, 'MemLens: Show Memory Diagram');
    const m = await diagramWith(h, page, 'backup');
    const groups = objectOf(m, 'groups');
    const backup = objectOf(m, 'backup');
    const metal = m?.objects.find((o) => o.type === 'list' && /groups\['metal'\]/.test(o.paths) && /backup\['metal'\]/.test(o.paths));
    h.report(
      S,
      'module diagram: the shallow copy shares its lists',
      !!groups && !!backup && groups.id !== backup.id && !!metal && metal.shared,
      `groups -> ${brief(groups)}; backup -> ${brief(backup)}; metal list -> ${brief(metal)}`,
    );
    const shelf = objectOf(m, 'shelf_a');
    const front = objectOf(m, 'front');
    h.report(
      S,
      'module diagram: an alias is one shared object',
      !!shelf && shelf === front && shelf.type === 'Shelf' && shelf.shared,
      `shelf_a -> ${brief(shelf)}; front -> ${front?.id ?? 'nothing'}`,
    );
    const bolts = objectOf(m, 'bolts');
    const row = (o, key) => o?.rows.find((r) => r.key === key)?.value;
    h.report(
      S,
      'module diagram: attributes and dict entries inline',
      bolts?.type === 'Item' && row(bolts, 'name') === "'bolt'" && row(bolts, 'price') === '0.1' && row(objectOf(m, 'prices'), "'nut'") === '0.05',
      `bolts -> ${brief(bolts)}; prices -> ${brief(objectOf(m, 'prices'))}`,
    );
    const shared = m?.objects.filter((o) => o.shared).length ?? 0;
    h.log(`module diagram: ${m?.objects.length ?? 0} objects (${shared} shared), ${m?.arrows.length ?? 0} name arrows, ${m?.dashed ?? 0} dashed (may) arrows; ${m?.outsideButton || 'no objects from outside'}`);
    // The picture is taller than the panel: bring the shallow copy's shared list into view for the screenshot.
    await (await h.diagramFrame(page))?.evaluate(() => document.querySelector('g.ml-shared[data-paths*="backup"]')?.scrollIntoView({ block: 'center' })).catch(() => {});
    await h.settled(page, '.editor-group-container');
    await h.shot(page, runDir, 'diagram-module', groups && metal?.shared && shelf?.shared ? 'vscode-diagram-module.png' : undefined);

    // The realistic module's hints and diagnostics: what a method changes in the objects it got from its callers is
    // named by access path; the shallow copy's shared list; the mutable default and the shallow copy in Problems.
    await h.closeOtherGroups(page);
    await h.quickOpen(page, 'inventory.py');
    const MODULE_HINTS = [
      { line: /^\s+slots\.remove\(item\)/, hint: /(^| )also changes source\.slots( |$)/, what: "a parameter's list changed through an alias" },
      { line: /^backup\["metal"\]\.append\(washers\)/, hint: /(^| )also changes groups\["metal"\]( |$)/, what: "the shallow copy's shared list" },
      { line: /^front = shelf_a$/, hint: /(^| )≡ shelf_a( |$)/, what: 'an alias of an instance' },
    ];
    for (const want of MODULE_HINTS) {
      const lineNo = lineIn(inventory, want.line, 'inventory.py');
      const seen = await h.hintsOn(page, lineNo, (t) => want.hint.test(t), 30000);
      h.report(S, `module hint: ${want.what}`, want.hint.test(seen.hintText), `line ${lineNo} "${seen.text.trim()}" hints "${seen.hintText}"`);
    }
    await h.showProblems(page);
    const problemRows = async () => page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => r.textContent.replace(/\u00a0/g, ' ')));
    const MODULE_PROBLEMS = [
      { row: /`backup\["metal"\]` is the list[^]*MEM101[^]*\[Ln (\d+),/, line: /^backup\["metal"\]\.append/, what: 'MEM101 on the shallow copy' },
      { row: /default of `tags`[^]*MEM201[^]*\[Ln (\d+),/, line: /^def tag_all\(/, what: 'MEM201 on the mutable default' },
    ];
    for (const want of MODULE_PROBLEMS) {
      const row = await h.waitFor(async () => (await problemRows()).find((r) => want.row.test(r)), 15000);
      const at = row && want.row.exec(row)?.[1];
      const expected = String(lineIn(inventory, want.line, 'inventory.py'));
      h.report(S, `module problem: ${want.what}`, at === expected, row ? `${row.slice(0, 160)} (expected line ${expected})` : `no row; ${(await problemRows().catch(() => [])).length} rows`);
    }
    await h.closePanel(page);

    const errors = (await h.notifications(page)).filter((n) => n.severity === 'error');
    h.report(S, 'no error notifications', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message)) : 'none');
  } finally {
    const failed = h.results.some((r) => r.scenario === S && (r.status === 'FAIL' || r.status === 'XPASS'));
    h.saveLog(runDir, 'some checks failed', failed);
    await page.close().catch(() => {});
    await h.stopCodeServer(cs);
  }
}
