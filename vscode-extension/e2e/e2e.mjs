// End-to-end test of the MemLens extension in a real VS Code (code-server)
// driven by headless Chromium. Started by run.sh, which installs what it
// needs; see README.md ("End-to-end test") for the checks and options.
//
// Every check prints PASS/FAIL with what it found; the exit code is 1 when
// any check failed. Screenshots go to the run directory; with --docs, those
// of passing steps are copied to docs/vscode-*.png.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extDir = path.resolve(here, '..');
const repoDir = path.resolve(extDir, '..');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, d) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : d;
};
const flag = (name) => argv.includes(`--${name}`);
const options = {
  codeServer: opt('code-server', path.join(os.homedir(), '.cache/memlens-e2e/code-server/node_modules/code-server')),
  vsix: opt('vsix', undefined),
  out: opt('out', path.join(extDir, 'e2e/out', new Date().toISOString().replace(/[:.]/g, '-'))),
  scenario: opt('scenario', 'all'),
  stub: flag('stub-server'),
  docs: flag('docs'),
  headed: flag('headed'),
  chromium: opt('chromium', '/usr/bin/chromium'),
};

// What the checks look for. The server's exact wording may change: these are
// deliberately loose, and each check prints what it did find.
const EXPECT = {
  aliasLine: /^y = x\b/,
  aliasHint: /≡\s*x|\balias(es|ed)?\b.*\bx\b|same object as x/i,
  refcountHint: /\bref(s|count|erences?)?\b\s*[:=]?\s*\d|\brc\s*[:=]?\s*\d|\b\d+\s*refs?\b/i,
  copyLine: /^shallow_copy = copy\.copy\(original\)/,
  copyDepthHint: /shallow|depth|deep|shares?d?/i,
  diagnostic: /MEM101/,
  hoverLine: /^shallow_copy = copy\.copy\(original\)/,
  hoverToken: 'shallow_copy',
  hoverText: /shallow_copy|alias|object|refer|copy|shared/i,
  quickFixTitle: /deepcopy/i,
  diagramObjects: 2,
};

const FIRST_HINT_TARGET_MS = 3000;

// ---------------------------------------------------------------- reporting
const results = [];
function report(scenario, name, ok, detail, extra = {}) {
  const status = ok === null ? 'SKIP' : ok ? 'PASS' : 'FAIL';
  results.push({ scenario, name, status, detail, ...extra });
  const pad = `${scenario}: ${name}`.padEnd(46);
  console.log(`${status === 'PASS' ? 'PASS' : status === 'SKIP' ? 'SKIP' : 'FAIL'}  ${pad} ${detail}`);
}
function log(msg) {
  console.log(`      ${msg}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(fn, timeoutMs, intervalMs = 200) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch {
      // page still loading
    }
    await sleep(intervalMs);
  }
  return last;
}

// ---------------------------------------------------------------- code-server
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function codeServerEnv(runDir, extra) {
  const env = { ...process.env, ...extra };
  env.XDG_CONFIG_HOME = path.join(runDir, 'xdg/config');
  env.XDG_DATA_HOME = path.join(runDir, 'xdg/data');
  env.XDG_CACHE_HOME = path.join(runDir, 'xdg/cache');
  delete env.VSCODE_IPC_HOOK_CLI;
  for (const k of Object.keys(env)) {
    if (env[k] === undefined) {
      delete env[k];
    }
  }
  return env;
}

function writeSettings(userDir, settings) {
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'User/settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'editor.inlayHints.enabled': 'on',
        'editor.hover.delay': 100,
        'editor.minimap.enabled': false,
        'files.autoSave': 'off',
        'git.enabled': false,
        'memlens.trace.server': 'verbose',
        ...settings,
      },
      null,
      2,
    ),
  );
}

function installVsix(runDir, env) {
  const entry = path.join(options.codeServer, 'out/node/entry.js');
  const r = spawnSync(
    process.execPath,
    [entry, '--user-data-dir', path.join(runDir, 'user'), '--extensions-dir', path.join(runDir, 'extensions'), '--install-extension', options.vsix],
    { env, encoding: 'utf8', timeout: 120000 },
  );
  return { ok: r.status === 0 && /successfully installed/i.test(r.stdout + r.stderr), output: (r.stdout + r.stderr).trim() };
}

async function startCodeServer(runDir, workspace, env) {
  const port = await freePort();
  const entry = path.join(options.codeServer, 'out/node/entry.js');
  const logFile = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', path.join(runDir, 'user'),
      '--extensions-dir', path.join(runDir, 'extensions'),
      workspace,
    ],
    // Own process group: stopping it must also end the extension host and the language server.
    { env, detached: true, stdio: ['ignore', logFile, logFile] },
  );
  const url = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(async () => {
    const res = await fetch(`${url}/healthz`);
    return res.ok;
  }, 30000);
  return { child, url, port, healthy: !!healthy };
}

function stopCodeServer(cs) {
  if (!cs?.child?.pid) {
    return;
  }
  try {
    process.kill(-cs.child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const pid = cs.child.pid;
  setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 2000).unref();
}

// ---------------------------------------------------------------- workbench helpers
async function openWorkbench(page, cs, workspace) {
  await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60000 });
}

async function quickOpen(page, fileName) {
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) .quick-input-box input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(fileName);
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 10000 });
  await sleep(300);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${fileName}"], .tab[title*="${fileName}"]`, { timeout: 10000 }).catch(() => {});
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 10000 });
}

async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`>${title}`);
  await sleep(500);
  await page.keyboard.press('Enter');
}

async function gotoLine(page, line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10000 });
  await input.fill(`:${line}:${column}`);
  await sleep(150);
  await page.keyboard.press('Enter');
  await sleep(300);
}

async function showProblems(page) {
  if (!(await page.$('.markers-panel'))?.isVisible()) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10000 }).catch(() => {});
}

async function statusOf(page) {
  return page.evaluate(() => {
    const el = [...document.querySelectorAll('.statusbar-item, .statusbar-item a, [role="button"]')].find((e) =>
      (e.getAttribute('aria-label') ?? '').startsWith('MemLens:'),
    );
    return el ? el.getAttribute('aria-label') : null;
  });
}

/** Visible editor lines with their numbers, source text and inlay hint texts. */
async function visibleLines(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
    if (!editor) {
      return [];
    }
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({
      top: Math.round(n.getBoundingClientRect().top),
      n: Number(n.textContent),
    }));
    return [...editor.querySelectorAll('.view-lines .view-line')].map((line) => {
      const top = Math.round(line.getBoundingClientRect().top);
      const num = numbers.find((x) => Math.abs(x.top - top) <= 2)?.n ?? -1;
      const hints = [...line.querySelectorAll('span[class*="dyn-rule-"]')]
        .map((s) => s.textContent.replace(/\u00a0/g, ' ').trim())
        .filter(Boolean);
      const clone = line.cloneNode(true);
      clone.querySelectorAll('span[class*="dyn-rule-"]').forEach((s) => s.remove());
      return { line: num, text: clone.textContent.replace(/\u00a0/g, ' '), hints };
    });
  });
}

async function collectHints(page, totalLines) {
  const byLine = new Map();
  for (let l = 1; l <= totalLines; l += 25) {
    await gotoLine(page, Math.min(l + 12, totalLines));
    await sleep(500);
    for (const v of await visibleLines(page)) {
      if (v.line > 0) {
        const prev = byLine.get(v.line);
        if (!prev || v.hints.length > prev.hints.length) {
          byLine.set(v.line, v);
        }
      }
    }
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

async function notifications(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')].map((n) => ({
      message: (n.querySelector('.notification-list-item-message')?.textContent ?? n.textContent ?? '').trim(),
      severity: n.querySelector('.codicon-error') ? 'error' : n.querySelector('.codicon-warning') ? 'warning' : 'info',
      buttons: [...n.querySelectorAll('.monaco-button, a.monaco-button')].map((b) => b.textContent.trim()).filter(Boolean),
    })),
  );
}

/** The MemLens output channel as VS Code logged it under the user data dir. */
function memlensLog(runDir) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (/MemLens\.log$/.test(e.name)) {
        found.push(p);
      }
    }
  };
  try {
    walk(path.join(runDir, 'user/logs'));
  } catch {
    return '';
  }
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

function printLog(runDir, why) {
  const text = memlensLog(runDir);
  fs.writeFileSync(path.join(runDir, 'memlens-output.log'), text);
  const clientLines = text.split('\n').filter((l) => /^\[client|^\[Error|^\[Warn|Exception|Error:|^\tat /.test(l));
  log(`${why}: MemLens output channel, client and error lines (full log: ${path.join(runDir, 'memlens-output.log')}):`);
  for (const l of clientLines.slice(-30)) {
    log(`  | ${l}`);
  }
}

async function diagramFrame(page) {
  for (const frame of page.frames()) {
    try {
      if (await frame.$('#graph')) {
        return frame;
      }
    } catch {
      // detached
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- scenarios
const docs = [];
async function shot(page, runDir, name, docName) {
  const file = path.join(runDir, `${name}.png`);
  await page.screenshot({ path: file }).catch((e) => log(`screenshot ${name} failed: ${e.message}`));
  if (docName) {
    docs.push({ file, docName, step: name });
  }
  return file;
}

function fixtureSource() {
  return { file: path.join(repoDir, 'examples/seed_tour.py'), label: 'examples/seed_tour.py' };
}

async function mainScenario(browser) {
  const S = 'main';
  const runDir = path.join(options.out, 'main');
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const src = fixtureSource();
  const target = path.join(ws, 'seed_tour.py');
  fs.copyFileSync(src.file, target);
  const original = fs.readFileSync(target, 'utf8');
  const totalLines = original.split('\n').length;
  log(`fixture: ${src.label}`);

  const extraEnv = {};
  if (options.stub) {
    extraEnv.MEMLENS_DEV_SERVER_COMMAND = JSON.stringify([process.execPath, path.join(here, 'stub-server.mjs')]);
    log('STUB SERVER: the language server is e2e/stub-server.mjs, not MemLens (self-test of this script)');
  }
  const env = codeServerEnv(runDir, extraEnv);
  writeSettings(path.join(runDir, 'user'), {});
  const inst = installVsix(runDir, env);
  report(S, 'install vsix', inst.ok, inst.ok ? path.basename(options.vsix) : inst.output.slice(-400));
  if (!inst.ok) {
    return;
  }

  const cs = await startCodeServer(runDir, ws, env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  try {
    report(S, 'code-server starts', cs.healthy, cs.url);
    if (!cs.healthy) {
      return;
    }
    await openWorkbench(page, cs, ws);
    report(S, 'workbench loads', true, 'explorer visible');

    await quickOpen(page, 'seed_tour.py');
    const opened = Date.now();
    report(S, 'open seed_tour.py', true, `${totalLines} lines`);

    const anyStatus = await waitFor(() => statusOf(page), 20000);
    report(S, 'extension activates', !!anyStatus, anyStatus ? `status bar item: "${anyStatus}"` : 'no "MemLens:" status bar item after 20 s');
    const ready = await waitFor(async () => {
      const s = await statusOf(page);
      return s === 'MemLens: ready' || s === 'MemLens: error' ? s : null;
    }, 30000);
    report(S, 'server starts, status "ready"', ready === 'MemLens: ready', `status bar: "${(await statusOf(page)) ?? 'none'}" after ${((Date.now() - opened) / 1000).toFixed(1)} s`);
    await shot(page, runDir, '01-status', ready === 'MemLens: ready' ? 'vscode-status.png' : undefined);
    if (ready !== 'MemLens: ready') {
      log('the server is not running: the checks below need `memlens serve` and the analysis features (see the log at the end)');
    }

    // First hint: poll the visible lines from the moment the file opened.
    const first = await waitFor(async () => (await visibleLines(page)).find((l) => l.hints.length), 15000, 100);
    const firstMs = Date.now() - opened;
    if (first) {
      report(S, 'first inlay hint', true, `${firstMs} ms after opening (target < ${FIRST_HINT_TARGET_MS} ms${firstMs > FIRST_HINT_TARGET_MS ? ', MISSED' : ''}): line ${first.line} "${first.hints.join(' | ')}"`, { ms: firstMs });
    } else {
      report(S, 'first inlay hint', false, 'no inlay hint within 15 s of opening the file');
    }
    console.log(`TIME  open -> first hint: ${first ? `${firstMs} ms` : 'none'} (target < ${FIRST_HINT_TARGET_MS} ms)`);

    const lines = await collectHints(page, totalLines);
    const withHints = lines.filter((l) => l.hints.length);
    log(`hints seen on ${withHints.length} lines: ${withHints.map((l) => `${l.line}: ${l.hints.join(' | ')}`).join('; ') || 'none'}`);
    const aliasLine = lines.find((l) => EXPECT.aliasLine.test(l.text.trim()));
    const alias = aliasLine?.hints.find((h) => EXPECT.aliasHint.test(h));
    report(S, 'alias hint on "y = x"', !!alias, alias ? `line ${aliasLine.line}: "${alias}"` : `line ${aliasLine?.line ?? '?'} hints: ${JSON.stringify(aliasLine?.hints ?? [])}`);
    const rc = withHints.flatMap((l) => l.hints.map((h) => ({ l, h }))).find((x) => EXPECT.refcountHint.test(x.h));
    report(S, 'refcount hint', !!rc, rc ? `line ${rc.l.line}: "${rc.h}"` : 'no hint like "refs: N" in the file');
    const copyLine = lines.find((l) => EXPECT.copyLine.test(l.text.trim()));
    const depth = copyLine?.hints.find((h) => EXPECT.copyDepthHint.test(h));
    report(S, 'copy-depth hint on copy.copy', !!depth, depth ? `line ${copyLine.line}: "${depth}"` : `line ${copyLine?.line ?? '?'} hints: ${JSON.stringify(copyLine?.hints ?? [])}`);
    if (copyLine) {
      await gotoLine(page, copyLine.line);
      await sleep(400);
    }
    await shot(page, runDir, '02-hints', alias || depth ? 'vscode-hints.png' : undefined);

    // Problems panel.
    await showProblems(page);
    const problem = await waitFor(async () => {
      const rows = await page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => r.textContent.replace(/\u00a0/g, ' ')));
      return rows.find((r) => EXPECT.diagnostic.test(r)) ?? null;
    }, 10000);
    const allRows = await page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => r.textContent.replace(/\u00a0/g, ' '))).catch(() => []);
    report(S, 'MEM101 in the Problems panel', !!problem, problem ? problem.slice(0, 160) : `${allRows.length} rows: ${JSON.stringify(allRows.slice(0, 5))}`);
    const squiggles = await page.$$eval('.monaco-editor [class*="squiggly-"]', (s) => s.length).catch(() => 0);
    log(`squiggles in the editor: ${squiggles}`);
    await shot(page, runDir, '03-problems', problem ? 'vscode-problems.png' : undefined);

    // Hover on an assignment.
    const hoverLineNo = lines.find((l) => EXPECT.hoverLine.test(l.text.trim()))?.line;
    let hoverText = '';
    if (hoverLineNo) {
      await page.keyboard.press('Escape');
      await gotoLine(page, hoverLineNo, 3);
      await sleep(300);
      const box = await page.evaluate(({ lineNo, token }) => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
        const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
        const num = numbers.find((n) => Number(n.textContent) === lineNo);
        if (!num) {
          return null;
        }
        const top = num.getBoundingClientRect().top;
        const line = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => Math.abs(l.getBoundingClientRect().top - top) <= 2);
        const span = [...(line?.querySelectorAll('span span') ?? [])].find((s) => s.textContent === token) ?? line?.querySelector('span span');
        const r = span?.getBoundingClientRect();
        return r ? { x: r.x + Math.min(r.width / 2, 20), y: r.y + r.height / 2 } : null;
      }, { lineNo: hoverLineNo, token: EXPECT.hoverToken });
      if (box) {
        await page.mouse.move(box.x - 30, box.y - 30);
        await page.mouse.move(box.x, box.y, { steps: 5 });
        hoverText = (await waitFor(async () => {
          const t = await page.$$eval('.monaco-hover:not(.hidden)', (hs) => hs.map((h) => h.textContent.trim()).filter(Boolean).join(' | '));
          return t && EXPECT.hoverText.test(t) ? t : null;
        }, 6000)) ?? '';
        await sleep(400);
      }
    }
    report(S, 'hover on an assignment', !!hoverText, hoverText ? `"${hoverText.slice(0, 140)}"` : `no MemLens hover on ${EXPECT.hoverToken} (line ${hoverLineNo ?? '?'})`);
    await shot(page, runDir, '04-hover', hoverText ? 'vscode-hover.png' : undefined);
    await page.mouse.move(5, 400);

    // Memory diagram beside the editor, at the line after the copy.
    if (copyLine) {
      await gotoLine(page, copyLine.line + 1);
    }
    await runCommand(page, 'MemLens: Show Memory Diagram');
    const frame = await waitFor(() => diagramFrame(page), 10000);
    let diagram = null;
    if (frame) {
      diagram = await waitFor(async () => {
        const d = await frame.evaluate(() => ({
          note: document.getElementById('note')?.textContent ?? '',
          objects: [...document.querySelectorAll('g.ml-object')].map((g) => ({
            type: g.getAttribute('data-type'),
            shared: g.classList.contains('ml-shared'),
            text: g.textContent,
          })),
          names: [...document.querySelectorAll('g.ml-name')].map((g) => g.getAttribute('data-name')),
          arrows: document.querySelectorAll('path.ml-arrow').length,
        }));
        return d.objects.length >= EXPECT.diagramObjects || /not|could/.test(d.note) ? d : null;
      }, 10000);
    }
    const diagramOk = !!diagram && diagram.objects.length >= EXPECT.diagramObjects && diagram.objects.some((o) => o.shared) && diagram.names.includes('shallow_copy');
    report(
      S,
      'memory diagram webview',
      diagramOk,
      !frame
        ? 'no diagram webview opened'
        : diagram
          ? `${diagram.objects.length} objects (${diagram.objects.map((o) => `${o.type}${o.shared ? '*' : ''}`).join(', ')}), names [${diagram.names.join(', ')}], ${diagram.arrows} arrows${diagram.note ? `; note: "${diagram.note}"` : ''}`
          : 'webview opened but drew nothing',
    );
    await sleep(500);
    await shot(page, runDir, '05-diagram', diagramOk ? 'vscode-diagram.png' : undefined);

    // Explain Rule at Cursor: on the diagnostic, the server's explanation opens as Markdown.
    let explained = '';
    if (problem) {
      await showProblems(page);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'MEM101' }).first().click();
      await page.keyboard.press('Enter');
      await sleep(300);
      await runCommand(page, 'MemLens: Explain Rule at Cursor');
      explained = (await waitFor(async () => {
        for (const f of page.frames()) {
          const t = await f.evaluate(() => document.querySelector('.markdown-body, body.vscode-body')?.textContent ?? '').catch(() => '');
          if (/MEM101/.test(t)) {
            return t.trim();
          }
        }
        return null;
      }, 10000)) ?? '';
      await sleep(400);
    }
    report(S, 'Explain Rule at Cursor shows Markdown', !!explained, explained ? `"${explained.slice(0, 100).replace(/\s+/g, ' ')}"` : problem ? 'no Markdown preview mentioning MEM101' : 'no MEM101 diagnostic to explain');
    await shot(page, runDir, '06-explain', explained ? 'vscode-explain.png' : undefined);
    if (explained) {
      await page.keyboard.press('Control+W');
    }

    // Quick fix: jump to the diagnostic from the Problems panel, Ctrl+. , pick deepcopy, save.
    let fixed = false;
    let fixDetail = 'no MEM101 diagnostic to fix';
    if (problem) {
      await showProblems(page);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'MEM101' }).first().click();
      await page.keyboard.press('Enter');
      await sleep(400);
      await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus().catch(() => {});
      await page.keyboard.press('Control+.');
      const items = (await waitFor(
        () => page.$$eval('.action-widget .monaco-list-row, .context-view .action-label', (rs) => rs.map((r) => r.textContent.trim()).filter(Boolean)).then((t) => (t.length ? t : null)),
        6000,
      )) ?? [];
      const pick = items.find((t) => EXPECT.quickFixTitle.test(t));
      await shot(page, runDir, '07-quickfix-menu', pick ? 'vscode-quickfix.png' : undefined);
      if (pick) {
        const row = page.locator('.action-widget').getByText(pick).first();
        await row.click({ timeout: 3000 }).catch(async () => {
          // The preferred fix is focused first; Enter applies it.
          await page.keyboard.press('Enter');
        });
        await sleep(600);
        await page.keyboard.press('Control+S');
        const after = await waitFor(() => {
          const t = fs.readFileSync(target, 'utf8');
          return t !== original ? t : null;
        }, 5000);
        const count = (t) => (t.match(/copy\.deepcopy/g) ?? []).length;
        fixed = !!after && count(after) === count(original) + 1 && !/shallow_copy = copy\.copy\(/.test(after);
        fixDetail = after
          ? `file now has ${count(after)} copy.deepcopy (was ${count(original)}): "${after.split('\n').find((l) => l.startsWith('shallow_copy ='))}"`
          : `"${pick}" applied but the file did not change on disk`;
      } else {
        fixDetail = `Ctrl+. offered ${JSON.stringify(items)}`;
      }
    }
    report(S, 'deepcopy quick fix via Ctrl+.', fixed, fixDetail);
    await shot(page, runDir, '08-after-fix');

    if (results.some((r) => r.scenario === S && r.status === 'FAIL')) {
      printLog(runDir, 'some checks failed');
    }
    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    report(S, 'no error notifications', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message)) : 'none');
    if (consoleErrors.length) {
      log(`page errors: ${consoleErrors.slice(0, 5).join(' | ')}`);
    }
  } finally {
    await page.close().catch(() => {});
    stopCodeServer(cs);
  }
}

async function noJavaScenario(browser) {
  const S = 'no-java';
  const runDir = path.join(options.out, 'no-java');
  const ws = path.join(runDir, 'workspace');
  const emptyJdk = path.join(runDir, 'empty-jdk');
  const emptyBin = path.join(runDir, 'bin');
  fs.mkdirSync(ws, { recursive: true });
  fs.mkdirSync(emptyJdk, { recursive: true });
  fs.mkdirSync(emptyBin, { recursive: true });
  fs.copyFileSync(fixtureSource().file, path.join(ws, 'seed_tour.py'));
  // The extension host inherits this environment: no java on PATH, no JAVA_HOME.
  // VSCODE_CLI=1 stops the server from re-reading PATH from a login shell
  // (which would put /usr/bin, and so java, back).
  const env = codeServerEnv(runDir, { PATH: emptyBin, VSCODE_CLI: '1' });
  for (const k of ['JAVA_HOME', 'MEMLENS_DEV_SERVER_COMMAND', 'MEMLENS_SERVER_JAR']) {
    delete env[k];
  }
  writeSettings(path.join(runDir, 'user'), { 'memlens.java.home': emptyJdk });
  const inst = installVsix(runDir, env);
  report(S, 'install vsix', inst.ok, inst.ok ? path.basename(options.vsix) : inst.output.slice(-400));
  if (!inst.ok) {
    return;
  }
  const cs = await startCodeServer(runDir, ws, env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    report(S, 'code-server starts (PATH without java)', cs.healthy, cs.url);
    if (!cs.healthy) {
      return;
    }
    await openWorkbench(page, cs, ws);
    await quickOpen(page, 'seed_tour.py');
    const status = await waitFor(async () => ((await statusOf(page)) === 'MemLens: error' ? 'MemLens: error' : null), 20000);
    report(S, 'status bar says error', !!status, `status bar: "${(await statusOf(page)) ?? 'none'}"`);
    const notes = (await waitFor(async () => {
      const n = await notifications(page);
      return n.some((x) => /Java 17/.test(x.message)) ? n : null;
    }, 15000)) ?? (await notifications(page));
    const javaNotes = notes.filter((n) => /Java/.test(n.message));
    const one = javaNotes.length === 1 ? javaNotes[0] : undefined;
    report(
      S,
      'one notification: what to install, where to set it',
      !!one && /install/i.test(one.message) && /memlens\.java\.home|Java: Home/.test(one.message) && one.buttons.includes('Open Setting'),
      one ? `"${one.message.slice(0, 150)}…" buttons ${JSON.stringify(one.buttons)}` : `${javaNotes.length} Java notifications: ${JSON.stringify(notes.map((n) => n.message.slice(0, 80)))}`,
    );
    const errors = notes.filter((n) => n.severity === 'error');
    report(S, 'no error popups', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message.slice(0, 120))) : `${notes.length} notification(s), none an error`);
    await shot(page, runDir, '01-no-java', one ? 'vscode-no-java.png' : undefined);
    if (one) {
      await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Setting' }).first().click();
      const opened = await waitFor(
        () => page.$$eval('.settings-editor .setting-item-label, .settings-editor .setting-item-category', (els) => els.some((e) => /Java/.test(e.textContent ?? ''))),
        8000,
      );
      report(S, '"Open Setting" shows memlens.java.home', !!opened, opened ? 'settings editor shows Java: Home' : 'settings editor did not show the setting');
      await shot(page, runDir, '02-open-setting');
    }
    printLog(runDir, 'what the extension logged');
  } finally {
    await page.close().catch(() => {});
    stopCodeServer(cs);
  }
}

// ---------------------------------------------------------------- main
async function main() {
  fs.mkdirSync(options.out, { recursive: true });
  if (!options.vsix || !fs.existsSync(options.vsix)) {
    console.error(`no vsix: ${options.vsix ?? '(pass --vsix)'}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(options.codeServer, 'out/node/entry.js'))) {
    console.error(`no code-server in ${options.codeServer}: run e2e/run.sh (it installs it)`);
    process.exit(2);
  }
  console.log(`MemLens e2e: vsix ${options.vsix}`);
  console.log(`             output ${options.out}${options.stub ? '\n             STUB SERVER (self-test; not the real MemLens analysis)' : ''}`);
  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: !options.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const started = Date.now();
  try {
    if (options.scenario === 'all' || options.scenario === 'main') {
      await mainScenario(browser).catch((e) => report('main', 'scenario ran to the end', false, e.stack?.split('\n').slice(0, 3).join(' ') ?? String(e)));
    }
    if (options.scenario === 'all' || options.scenario === 'no-java') {
      await noJavaScenario(browser).catch((e) => report('no-java', 'scenario ran to the end', false, e.stack?.split('\n').slice(0, 3).join(' ') ?? String(e)));
    }
  } finally {
    await browser.close().catch(() => {});
  }
  if (options.docs && !options.stub) {
    const docsDir = path.join(repoDir, 'docs');
    fs.mkdirSync(docsDir, { recursive: true });
    for (const d of docs) {
      fs.copyFileSync(d.file, path.join(docsDir, d.docName));
      console.log(`docs: ${d.step} -> docs/${d.docName}`);
    }
  } else if (options.docs) {
    console.log('docs: not updated from a stub-server run');
  }
  fs.writeFileSync(path.join(options.out, 'results.json'), JSON.stringify(results, null, 2));
  const pass = results.filter((r) => r.status === 'PASS').length;
  const fail = results.filter((r) => r.status === 'FAIL').length;
  console.log(`\ne2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots and logs in ${options.out}`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(fail ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
