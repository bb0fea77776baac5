// End-to-end test of the MemLens extension in a real VS Code (code-server)
// driven by headless Chromium, against the real MemLens server inside the
// vsix. Started by run.sh, which installs what it needs; README.md
// ("End-to-end test") lists the checks.
//
// Every check prints PASS/FAIL with what it found. Each UI step waits for a
// condition (a DOM state, the status bar, the file on disk), never for a fixed
// time; the few UI steps known to race (a key press that lands before the
// workbench is ready for it) are retried, and each retry is logged. The exit
// code is 1 when a check failed, 2 when the test could not run.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { notebookScenario } from './notebook.mjs';
import { diagramScenario } from './diagram-scenario.mjs';

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
  docs: flag('docs'),
  headed: flag('headed'),
  chromium: opt('chromium', '/usr/bin/chromium'),
  // The whole run (three scenarios) is normally about two minutes; past this it is stopped and fails.
  totalMs: Number(opt('total-timeout-s', '900')) * 1000,
};

// What the real server shows for examples/seed_tour.py (its own wording, read
// from its answers). Lines are found by their text, so the tutorial can grow.
const EXPECT = {
  // §5: CPython prints 2 for sys.getrefcount(x): x, plus the call's argument.
  refcountLine: /^print\(sys\.getrefcount\(x\)\)/,
  refcountHint: /(^| )prints 2( |$)/,
  // §6: copy.copy copies the outer list only.
  copyLine: /^shallow_copy = copy\.copy\(original\)$/,
  copyDepthHint: /(^| )shallow: shares 1 mutable item( |$)/,
  // seed_tour.py binds no second name to a mutable object (its `y = x` binds
  // an int, and sharing an immutable scalar gets no alias hint by design), so
  // the test types one at the end of the file, as a user would.
  aliasEdit: 'alias = original',
  // A hint's label parts are separate spans: these match a line's hint texts joined by spaces.
  aliasHint: /(^| )≡ original( |$)/,
  aliasRefcountHint: /(^| )refs: 2( |$)/,
  // MEM101 where the shallow copy's nested list is changed.
  diagnosticLine: /^shallow_copy\[1\]\[0\] = 99/,
  diagnosticRow: /`shallow_copy\[1\]` is the list `\[2, 3\]` created at line 66 inside `original`[^]*MEM101/,
  hoverToken: 'shallow_copy',
  hoverText: /a \*?shallow\*? copy that shares 1 mutable item with the original/,
  quickFixTitle: /^Make a deep copy: copy\.deepcopy\(original\)/,
  // After the fix the server re-analyses: the copy is deep and MEM101 is gone.
  copyDepthAfterFix: /(^| )deep: shares nothing( |$)/,
  explainText: /MEM101\s*shallow-copy-shares-nested/,
};

// Things the real server does not do yet. Each is still checked on every run:
// while it fails it is reported as XFAIL (not a failure); once it passes it is
// reported as XPASS, which fails the run so that the entry gets removed and
// the check becomes an ordinary one.
const KNOWN_GAPS = {};

// ---------------------------------------------------------------- reporting
const results = [];
function report(scenario, name, ok, detail, extra = {}) {
  const gap = KNOWN_GAPS[name];
  let status = ok ? 'PASS' : 'FAIL';
  if (gap) {
    status = ok ? 'XPASS' : 'XFAIL';
    detail = ok ? `${detail} -- passes now: remove it from KNOWN_GAPS in e2e.mjs` : `${detail} -- known server gap: ${gap}`;
  }
  results.push({ scenario, name, status, detail, ...extra });
  console.log(`${status.padEnd(5)} ${`${scenario}: ${name}`.padEnd(50)} ${detail}`);
  return ok;
}
function log(msg) {
  console.log(`      ${msg}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns something truthy or the time is up; returns the last value. */
async function waitFor(fn, timeoutMs, intervalMs = 100) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        return last;
      }
    } catch {
      // the page is between states (navigation, a detached frame)
    }
    if (Date.now() >= end) {
      return last;
    }
    await sleep(intervalMs);
  }
}

/** For UI steps known to race: tries up to `attempts` times, logging each retry. */
async function retry(what, attempts, fn) {
  let lastError;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await fn(i);
    } catch (e) {
      lastError = e;
      if (i < attempts) {
        log(`retry ${i}/${attempts - 1} of "${what}": ${String(e.message ?? e).split('\n')[0]}`);
      }
    }
  }
  throw lastError;
}

// ---------------------------------------------------------------- code-server
const running = new Set();

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
  for (const k of ['VSCODE_IPC_HOOK_CLI', 'MEMLENS_DEV_SERVER_COMMAND', 'MEMLENS_SERVER_JAR']) {
    delete env[k];
  }
  return env;
}

function writeSettings(userDir, settings) {
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  const all = {
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
    // Revealing the last line then shows the lines above it, not blank space.
    'editor.scrollBeyondLastLine': false,
    // Typing the alias line must not open completion or signature popups.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    'editor.parameterHints.enabled': false,
    'files.autoSave': 'off',
    'git.enabled': false,
    'memlens.trace.server': 'verbose',
    ...settings,
  };
  fs.writeFileSync(path.join(userDir, 'User/settings.json'), JSON.stringify(all, null, 2));
}

function installVsix(runDir, env) {
  const entry = path.join(options.codeServer, 'out/node/entry.js');
  const r = spawnSync(
    process.execPath,
    [entry, '--user-data-dir', path.join(runDir, 'user'), '--extensions-dir', path.join(runDir, 'extensions'), '--install-extension', options.vsix],
    { env, encoding: 'utf8', timeout: 180000 },
  );
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { ok: r.status === 0 && /successfully installed/i.test(output), output };
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
    // Its own process group: stopping it must also end the extension host and the language server.
    { env, detached: true, stdio: ['ignore', logFile, logFile] },
  );
  running.add(child.pid);
  const url = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 60000, 200);
  return { child, url, healthy: !!healthy };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopCodeServer(cs) {
  const pid = cs?.child?.pid;
  if (!pid) {
    return;
  }
  killGroup(pid, 'SIGTERM');
  const gone = await waitFor(() => cs.child.exitCode !== null || cs.child.signalCode !== null, 5000);
  killGroup(pid, 'SIGKILL');
  running.delete(pid);
  if (!gone) {
    log(`code-server ${pid} did not stop on SIGTERM; killed its process group`);
  }
}

function killAll() {
  for (const pid of running) {
    killGroup(pid, 'SIGKILL');
  }
  running.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(`stopped by ${sig}`);
    killAll();
    process.exit(2);
  });
}

// ---------------------------------------------------------------- workbench helpers
const quickInput = '.quick-input-widget:not([style*="display: none"])';

async function openWorkbench(page, cs, workspace) {
  await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 90000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
}

/** Opens the quick input with `key`, types `text` and waits until `ready(page)` holds for what it lists. */
async function quickInputType(page, key, text, ready, what) {
  await retry(what, 3, async () => {
    if (await page.$(quickInput)) {
      await page.keyboard.press('Escape');
      await page.waitForSelector(quickInput, { state: 'detached', timeout: 5000 }).catch(() => {});
    }
    await page.keyboard.press(key);
    const input = page.locator(`${quickInput} .quick-input-box input`);
    await input.waitFor({ timeout: 10000 });
    await input.fill(text);
    const ok = await waitFor(() => ready(page), 10000);
    if (!ok) {
      throw new Error(`quick input for "${text}" did not show what was expected`);
    }
  });
}

async function focusedQuickPickRow(page) {
  return page.$eval(`${quickInput} .quick-input-list .monaco-list-row.focused`, (r) => r.textContent.replace(/\u00a0/g, ' ')).catch(() => '');
}

async function quickOpen(page, fileName) {
  // The workbench takes keys only once it has focus.
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => {});
  await page.mouse.move(5, 500); // no title-bar tooltip in the screenshots
  await quickInputType(page, 'Control+P', fileName, async (p) => (await focusedQuickPickRow(p)).includes(fileName), `Ctrl+P ${fileName}`);
  const openedAt = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${fileName}"]`, { timeout: 15000 });
  await page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines .view-line', { timeout: 15000 });
  return openedAt;
}

async function runCommand(page, title) {
  await quickInputType(page, 'Control+Shift+P', `>${title}`, async (p) => (await focusedQuickPickRow(p)).includes(title), title);
  await page.keyboard.press('Enter');
  await page.waitForSelector(quickInput, { state: 'detached', timeout: 10000 }).catch(() => {});
}

async function cursorPosition(page) {
  return page.$eval('#status\\.editor\\.selection', (e) => e.textContent.trim()).catch(() => '');
}

/** Moves the cursor with Go to Line and waits until the status bar shows the new position. */
async function gotoLine(page, line, column = 1) {
  await retry(`go to ${line}:${column}`, 3, async () => {
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus({ timeout: 5000 });
    await quickInputType(page, 'Control+G', `:${line}:${column}`, async (p) => !!(await p.$(`${quickInput}`)), `Ctrl+G ${line}:${column}`);
    await page.keyboard.press('Enter');
    const at = await waitFor(async () => new RegExp(`^Ln ${line}, Col ${column}\\b`).test(await cursorPosition(page)), 5000);
    if (!at) {
      throw new Error(`cursor is at "${await cursorPosition(page)}"`);
    }
  });
}

/** Visible editor lines with their numbers, source text and inlay hint texts. */
async function visibleLines(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
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
      const hints = [...line.querySelectorAll('span[class*="dyn-rule-"]')].map((s) => s.textContent.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
      const clone = line.cloneNode(true);
      clone.querySelectorAll('span[class*="dyn-rule-"]').forEach((s) => s.remove());
      return { line: num, text: clone.textContent.replace(/\u00a0/g, ' '), hints, hintText: hints.join(' ') };
    });
  });
}

/** Reveals a line and waits until its hint text (the hints' spans joined by spaces) satisfies `accept`. */
async function hintsOn(page, lineNo, accept, timeoutMs = 20000) {
  await gotoLine(page, lineNo);
  let seen;
  await waitFor(async () => {
    seen = (await visibleLines(page)).find((l) => l.line === lineNo);
    return seen && accept(seen.hintText);
  }, timeoutMs);
  return seen ?? { line: lineNo, text: '?', hints: [], hintText: '' };
}

async function panelVisible(page) {
  return page.$eval('.part.panel', (p) => p.getBoundingClientRect().height > 0 && getComputedStyle(p).display !== 'none').catch(() => false);
}

async function showProblems(page) {
  if (!(await page.$eval('.markers-panel', (m) => m.getBoundingClientRect().height > 0).catch(() => false))) {
    await runCommand(page, 'Focus Problems (Errors, Warnings, Infos)');
  }
  await page.waitForSelector('.markers-panel .monaco-list-row', { state: 'visible', timeout: 15000 });
}

async function closePanel(page) {
  if (await panelVisible(page)) {
    await runCommand(page, 'Hide Panel');
    await waitFor(async () => !(await panelVisible(page)), 5000);
  }
}

async function closeOtherGroups(page) {
  if ((await page.$$('.editor-group-container')).length > 1) {
    // The diagram or the preview beside may have the focus: keep the first group, the Python file's.
    await runCommand(page, 'Focus First Editor Group');
    await runCommand(page, 'Close Editors in Other Groups');
    await waitFor(async () => (await page.$$('.editor-group-container')).length <= 1 || !(await diagramFrame(page)), 5000);
  }
}

async function statusOf(page) {
  return page.evaluate(() => {
    const el = [...document.querySelectorAll('.statusbar-item, .statusbar-item a, [role="button"]')].find((e) =>
      (e.getAttribute('aria-label') ?? '').startsWith('MemLens:'),
    );
    return el ? el.getAttribute('aria-label') : null;
  });
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

/** Waits until no element matching `selector` is still animating (hovers and menus fade in). */
async function settled(page, selector) {
  await waitFor(
    () =>
      page.$$eval(selector, (els) =>
        els.length > 0 && els.every((el) => el.getAnimations({ subtree: true }).every((a) => a.playState !== 'running') && getComputedStyle(el).opacity === '1'),
      ),
    3000,
  );
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

function logFiles(runDir, pattern) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (pattern.test(e.name)) {
        found.push(p);
      }
    }
  };
  try {
    walk(path.join(runDir, 'user/logs'));
  } catch {
    // no logs yet
  }
  return found;
}

function extHostLog(runDir) {
  return logFiles(runDir, /exthost\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/**
 * Where the time from opening the file to the first hint went, from the extension host's log
 * (activation) and the MemLens output channel ("[client HH:MM:SS.mmm] ..." lines).
 */
function startupBreakdown(runDir, openedAt, firstAt) {
  const day = new Date(openedAt).toISOString().slice(0, 10);
  const at = (text, re) => {
    const m = re.exec(text);
    return m ? Date.parse(`${day}T${m[1]}Z`) : undefined;
  };
  const host = extHostLog(runDir);
  const out = memlensLog(runDir);
  const steps = [
    ['activated', at(host, /\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d\.\d{3}) \[info\] ExtensionService#_doActivateExtension memlens\.memlens/)],
    ['activate() runs', at(out, /\[client (\S+)\] activating/)],
    ['looking for Java', at(out, /\[client (\S+)\] starting: looking for Java/)],
    ['Java found', at(out, /\[client (\S+)\] Java \d+ from/)],
    ['server ready', at(out, /\[client (\S+)\] server ready in/)],
    ['first hint on screen', firstAt],
  ];
  let prev = openedAt;
  const parts = ['breakdown: Enter'];
  for (const [name, t] of steps) {
    if (t === undefined) {
      parts.push(`${name} ?`);
      continue;
    }
    parts.push(`+${t - prev} ms ${name}`);
    prev = t;
  }
  return parts.join(' -> ');
}

/** The MemLens output channel as VS Code logged it under the user data dir. */
function memlensLog(runDir) {
  return logFiles(runDir, /MemLens\.log$/).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

function saveLog(runDir, why, print) {
  const text = memlensLog(runDir);
  const file = path.join(runDir, 'memlens-output.log');
  fs.writeFileSync(file, text);
  if (print) {
    const lines = text.split('\n').filter((l) => /^\[client|^\[Error|^\[Warn|Exception|Error:|^\tat /.test(l));
    log(`${why}: MemLens output channel, client and error lines (full log with the JSON-RPC trace: ${file}):`);
    for (const l of lines.slice(-40)) {
      log(`  | ${l}`);
    }
  }
  return text;
}

// ---------------------------------------------------------------- screenshots
const docs = [];
let shotNo = 0;
async function shot(page, runDir, name, docName) {
  const file = path.join(runDir, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((e) => log(`screenshot ${name} failed: ${e.message}`));
  if (docName) {
    docs.push({ file, docName });
  }
  return file;
}

function lineOf(text, re) {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) {
    throw new Error(`examples/seed_tour.py has no line matching ${re}`);
  }
  return i + 1;
}

// ---------------------------------------------------------------- scenario: main
async function mainScenario(browser) {
  shotNo = 0;
  const S = 'main';
  const runDir = path.join(options.out, 'main');
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const target = path.join(ws, 'seed_tour.py');
  fs.copyFileSync(path.join(repoDir, 'examples/seed_tour.py'), target);
  const original = fs.readFileSync(target, 'utf8');
  const lastLine = original.split('\n').length; // the empty line after the final newline
  const L = {
    refcount: lineOf(original, EXPECT.refcountLine),
    copy: lineOf(original, EXPECT.copyLine),
    diagnostic: lineOf(original, EXPECT.diagnosticLine),
  };

  const env = codeServerEnv(runDir, {});
  writeSettings(path.join(runDir, 'user'), {});
  const inst = installVsix(runDir, env);
  if (!report(S, 'install vsix', inst.ok, inst.ok ? path.basename(options.vsix) : inst.output.slice(-400))) {
    return;
  }

  const cs = await startCodeServer(runDir, ws, env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(30000);
  try {
    if (!report(S, 'code-server starts', cs.healthy, cs.url)) {
      return;
    }
    await openWorkbench(page, cs, ws);
    report(S, 'workbench loads', true, 'explorer lists the workspace');
    // Open the file in a window that has finished starting, as a user would: the extension host has
    // activated its startup extensions (git...). Otherwise their start-up is counted as MemLens's.
    const idle = await waitFor(() => /Eager extensions activated/.test(extHostLog(runDir)), 60000, 200);
    log(`extension host: ${idle ? 'startup extensions activated' : 'no "Eager extensions activated" in its log after 60 s; opening the file anyway'}`);

    // The page itself notes when the first inlay hint enters an editor's lines (a MutationObserver):
    // polling from here would add its own round trips, which on a busy machine are not small.
    await page.evaluate(() => {
      // Padding around a hint is a span of its own with no text.
      const hint = () => [...document.querySelectorAll('.monaco-editor .view-lines span[class*="dyn-rule-"]')].find((s) => s.textContent.trim());
      const observer = new MutationObserver(() => {
        const h = hint();
        if (h) {
          window.memlensFirstHint = { at: Date.now(), text: h.textContent.replace(/\u00a0/g, ' ').trim() };
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const opened = await quickOpen(page, 'seed_tour.py');
    report(S, 'open examples/seed_tour.py', true, `${lastLine - 1} lines, Enter pressed at ${new Date(opened).toISOString().slice(11, 23)}`);
    const firstHint = waitFor(async () => {
      const f = await page.evaluate(() => window.memlensFirstHint);
      return f ? { ...f, ms: f.at - opened } : null;
    }, 30000, 100);
    const ready = await waitFor(async () => {
      const s = await statusOf(page);
      return s === 'MemLens: ready' || s === 'MemLens: error' ? { s, ms: Date.now() - opened } : null;
    }, 60000);
    report(S, 'server starts, status bar "ready"', ready?.s === 'MemLens: ready', `status bar "${(await statusOf(page)) ?? 'none'}" after ${((ready?.ms ?? Date.now() - opened) / 1000).toFixed(1)} s`);
    await shot(page, runDir, 'status');

    const first = await firstHint;
    const firstMs = first?.ms;
    // a figure, not a check: wall time on a machine shared with other builds says nothing about the code
    console.log(`TIME  open seed_tour.py -> first inlay hint: ${first ? `${firstMs} ms` : 'none within 30 s'}`);
    log(`      machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    log(`      ${startupBreakdown(runDir, opened, first ? opened + firstMs : undefined)}`);
    report(S, 'first inlay hint', !!first, first ? `"${first.text}"` : 'no inlay hint within 30 s of opening the file');
    await shot(page, runDir, 'first-hint');

    // Hints of the file as it is.
    const rc = await hintsOn(page, L.refcount, (h) => EXPECT.refcountHint.test(h));
    report(S, 'refcount hint on sys.getrefcount(x)', EXPECT.refcountHint.test(rc.hintText), `line ${L.refcount} hints "${rc.hintText}"`);
    const depth = await hintsOn(page, L.copy, (h) => EXPECT.copyDepthHint.test(h));
    report(S, 'copy-depth hint on copy.copy', EXPECT.copyDepthHint.test(depth.hintText), `line ${L.copy} hints "${depth.hintText}"`);

    // An alias of a mutable object, typed at the end of the file: the server re-analyses the edit.
    await gotoLine(page, lastLine);
    await page.keyboard.type(EXPECT.aliasEdit);
    const typed = await waitFor(async () => (await visibleLines(page)).find((l) => l.line === lastLine && l.text.trim() === EXPECT.aliasEdit), 5000);
    log(`typed "${EXPECT.aliasEdit}" on line ${lastLine}: ${typed ? 'in the editor' : 'NOT in the editor'}`);
    const alias = await hintsOn(page, lastLine, (h) => EXPECT.aliasHint.test(h) && EXPECT.aliasRefcountHint.test(h));
    report(S, `alias hint on "${EXPECT.aliasEdit}"`, EXPECT.aliasHint.test(alias.hintText), `line ${lastLine} hints "${alias.hintText}"`);
    report(S, `refcount hint on "${EXPECT.aliasEdit}"`, EXPECT.aliasRefcountHint.test(alias.hintText), `line ${lastLine} hints "${alias.hintText}"`);
    const shown = (await visibleLines(page)).filter((l) => l.hints.length);
    log(`hints on screen (one span per label part): ${shown.map((l) => `${l.line}: ${l.hints.join(' | ')}`).join('; ')}`);
    await shot(page, runDir, 'hints', 'vscode-hints.png');

    // Problems panel.
    await showProblems(page);
    const rows = async () => page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => r.textContent.replace(/\u00a0/g, ' ')));
    const problem = await waitFor(async () => (await rows()).find((r) => EXPECT.diagnosticRow.test(r)), 15000);
    const where = problem && /\[Ln (\d+), Col (\d+)\]$/.exec(problem);
    report(
      S,
      'MEM101 in the Problems panel',
      !!problem && where?.[1] === String(L.diagnostic),
      problem ? problem.slice(0, 200) : `${(await rows().catch(() => [])).length} rows: ${JSON.stringify((await rows().catch(() => [])).slice(0, 3))}`,
    );
    const squiggles = await page.$$eval('.editor-group-container.active .monaco-editor [class*="squiggly-"]', (s) => s.length).catch(() => 0);
    log(`squiggles in the editor: ${squiggles}`);
    await shot(page, runDir, 'problems', 'vscode-problems.png');
    await closePanel(page);

    // Hover on the name the shallow copy is assigned to.
    await gotoLine(page, L.copy, 3);
    let hoverText = '';
    try {
      hoverText = await retry('hover', 3, async () => {
        await page.mouse.move(5, 500);
        await page.waitForSelector('.monaco-hover:not(.hidden)', { state: 'detached', timeout: 3000 }).catch(() => {});
        const box = await page.evaluate(({ lineNo, token }) => {
          const editor = document.querySelector('.editor-group-container.active .monaco-editor');
          const num = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => Number(n.textContent) === lineNo);
          if (!num) {
            return null;
          }
          const top = num.getBoundingClientRect().top;
          const line = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => Math.abs(l.getBoundingClientRect().top - top) <= 2);
          // Monaco merges neighbouring tokens of one colour into one span: measure the token's own characters.
          const span = [...(line?.querySelectorAll('span span') ?? [])].find((s) => s.textContent.includes(token) && s.firstChild?.nodeType === 3);
          if (!span) {
            return null;
          }
          const range = document.createRange();
          const at = span.textContent.indexOf(token);
          range.setStart(span.firstChild, at);
          range.setEnd(span.firstChild, at + token.length);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }, { lineNo: L.copy, token: EXPECT.hoverToken });
        if (!box) {
          throw new Error(`no "${EXPECT.hoverToken}" token on line ${L.copy}`);
        }
        await page.mouse.move(box.x - 20, box.y, { steps: 2 });
        await page.mouse.move(box.x, box.y, { steps: 4 });
        const t = await waitFor(async () => {
          const h = await page.$$eval('.monaco-hover:not(.hidden)', (hs) => hs.map((x) => x.textContent.trim()).filter(Boolean).join(' | '));
          return EXPECT.hoverText.test(h) ? h : null;
        }, 8000);
        if (!t) {
          throw new Error('no MemLens hover appeared');
        }
        return t;
      });
      await settled(page, '.monaco-hover:not(.hidden)');
    } catch (e) {
      log(`hover: ${e.message}`);
    }
    report(S, 'hover on an assignment', !!hoverText, hoverText ? `"${hoverText.slice(0, 200)}"` : `no hover matching ${EXPECT.hoverText} on ${EXPECT.hoverToken} (line ${L.copy})`);
    await shot(page, runDir, 'hover', hoverText ? 'vscode-hover.png' : undefined);
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');

    // Memory diagram with the cursor after the copy: the state the copy left.
    await gotoLine(page, L.copy + 1);
    await runCommand(page, 'MemLens: Show Memory Diagram');
    const frame = await waitFor(() => diagramFrame(page), 15000);
    let d = null;
    if (frame) {
      d = await waitFor(async () => {
        const g = await frame.evaluate(() => ({
          note: document.getElementById('note')?.textContent ?? '',
          objects: [...document.querySelectorAll('g.ml-object')].map((o) => ({
            id: o.getAttribute('data-id'),
            type: o.getAttribute('data-type'),
            line: o.getAttribute('data-line'),
            shared: o.classList.contains('ml-shared'),
            text: o.querySelector('.ml-object-label')?.textContent ?? '',
          })),
          names: [...document.querySelectorAll('path.ml-arrow-name')].map((a) => ({ from: a.getAttribute('data-from'), to: a.getAttribute('data-to') })),
          edges: [...document.querySelectorAll('path.ml-arrow-edge')].map((a) => ({ from: a.getAttribute('data-from'), to: a.getAttribute('data-to') })),
          edgeLabels: [...document.querySelectorAll('text.ml-edge-label')].map((t) => t.textContent),
        }));
        return g.names.some((n) => n.from === '0:shallow_copy') ? g : null;
      }, 15000);
    }
    const obj = (name) => d?.objects.find((o) => o.id === d.names.find((n) => n.from === `0:${name}`)?.to);
    const orig = obj('original');
    const copy = obj('shallow_copy');
    // Object lines are zero-based: the list display on `original = ...` and the copy on the next line.
    const topOk = !!orig && !!copy && orig.id !== copy.id && orig.type === 'list' && copy.type === 'list' && orig.line === String(L.copy - 2) && copy.line === String(L.copy - 1);
    report(
      S,
      'memory diagram: original and its copy',
      topOk,
      !frame
        ? 'no diagram webview opened'
        : d
          ? `original -> ${orig ? `${orig.type} ${orig.id} (line ${Number(orig.line) + 1})` : 'nothing'}, shallow_copy -> ${copy ? `${copy.type} ${copy.id} (line ${Number(copy.line) + 1})` : 'nothing'}; ${d.objects.length} objects, ${d.names.length} name arrows, ${d.edges.length} containment arrows`
          : 'the webview drew no arrow from shallow_copy',
    );
    const sharedInner = d?.objects.find(
      (o) => o.type === 'list' && o.shared && o.text === '[2, 3]' && orig && copy && d.edges.some((e) => e.from === orig.id && e.to === o.id) && d.edges.some((e) => e.from === copy.id && e.to === o.id),
    );
    report(
      S,
      'diagram: nested list shared by both copies',
      !!sharedInner,
      sharedInner ? `shared ${sharedInner.type} ${sharedInner.id} "${sharedInner.text}" inside both` : `containment arrows ${JSON.stringify(d?.edges ?? [])}, labels ${JSON.stringify(d?.edgeLabels ?? [])}`,
    );
    await settled(page, '.editor-group-container');
    await shot(page, runDir, 'diagram', topOk && sharedInner ? 'vscode-diagram.png' : undefined);
    await closeOtherGroups(page);

    // Explain Rule at Cursor, on the diagnostic: the server's explanation as Markdown beside the editor.
    await gotoLine(page, L.diagnostic);
    await runCommand(page, 'MemLens: Explain Rule at Cursor');
    const explained =
      (await waitFor(async () => {
        for (const f of page.frames()) {
          const t = await f.evaluate(() => document.querySelector('.markdown-body, body.vscode-body')?.textContent ?? '').catch(() => '');
          if (EXPECT.explainText.test(t)) {
            return t.trim();
          }
        }
        return null;
      }, 15000)) ?? '';
    report(S, 'Explain Rule at Cursor shows Markdown', !!explained, explained ? `"${explained.slice(0, 110).replace(/\s+/g, ' ')}"` : `no Markdown preview matching ${EXPECT.explainText}`);
    await shot(page, runDir, 'explain', explained ? 'vscode-explain.png' : undefined);
    await closeOtherGroups(page);

    // Quick fix: Ctrl+. on the diagnostic, pick "Make a deep copy", save.
    await gotoLine(page, L.diagnostic);
    let menu = [];
    try {
      menu = await retry('Ctrl+. quick fix menu', 3, async () => {
        await page.keyboard.press('Escape');
        await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus({ timeout: 5000 });
        await page.keyboard.press('Control+.');
        const items = await waitFor(
          () => page.$$eval('.action-widget .monaco-list-row', (rs) => rs.map((r) => r.textContent.trim()).filter(Boolean)).then((t) => (t.some((x) => x.length) ? t : null)),
          8000,
        );
        if (!items) {
          throw new Error('the code action menu did not open');
        }
        return items;
      });
    } catch (e) {
      log(`quick fix: ${e.message}`);
    }
    const pick = menu.find((t) => EXPECT.quickFixTitle.test(t));
    await settled(page, '.action-widget');
    await shot(page, runDir, 'quickfix-menu', pick ? 'vscode-quickfix.png' : undefined);
    let fixDetail = `Ctrl+. offered ${JSON.stringify(menu)}`;
    let fixed = false;
    const expected = original.replace(/^shallow_copy = copy\.copy\(original\)$/m, 'shallow_copy = copy.deepcopy(original)') + EXPECT.aliasEdit;
    if (pick) {
      // As a keyboard user: move the focus to the fix (the preferred one is usually focused already), Enter.
      const focused = () => page.$eval('.action-widget .monaco-list-row.focused', (r) => r.getAttribute('aria-label') ?? r.textContent).catch(() => '');
      for (let i = 0; i < menu.length && !EXPECT.quickFixTitle.test(await focused()); i++) {
        const before = await focused();
        await page.keyboard.press('ArrowDown');
        await waitFor(async () => (await focused()) !== before, 2000);
      }
      log(`Ctrl+. menu ${JSON.stringify(menu)}; Enter on "${await focused()}"`);
      await page.keyboard.press('Enter');
      const inEditor = await waitFor(async () => (await visibleLines(page)).find((l) => l.line === L.copy && /copy\.deepcopy\(original\)/.test(l.text)), 8000);
      log(`line ${L.copy} in the editor after the fix: ${inEditor ? `"${inEditor.text.trim()}"` : 'unchanged'}`);
      await page.keyboard.press('Control+S');
      const after = await waitFor(() => {
        const t = fs.readFileSync(target, 'utf8');
        return t !== original ? t : null;
      }, 10000);
      fixed = after === expected;
      if (after === null || after === undefined) {
        fixDetail = `"${pick}" chosen but the file on disk did not change`;
      } else {
        const changed = after.split('\n').filter((l, i) => l !== original.split('\n')[i]);
        fixDetail = `saved file ${fixed ? 'is' : 'is NOT'} the original with "shallow_copy = copy.deepcopy(original)" and the typed line; changed lines: ${JSON.stringify(changed)}`;
      }
    }
    report(S, 'deepcopy quick fix via Ctrl+.', fixed, fixDetail);
    if (fixed) {
      const deep = await hintsOn(page, L.copy, (h) => EXPECT.copyDepthAfterFix.test(h));
      const warnings = await waitFor(async () => {
        const t = await page.$eval('#status\\.problems', (e) => e.getAttribute('aria-label') ?? e.textContent).catch(() => '');
        return /No Problems|\b0 warnings?\b/i.test(t) || /^\D*0\D+0\D*$/.test(t) ? t : null;
      }, 10000);
      report(S, 'after the fix: deep copy, no MEM101', EXPECT.copyDepthAfterFix.test(deep.hintText) && !!warnings, `line ${L.copy} hints "${deep.hintText}"; problems in the status bar: ${warnings ? `"${warnings}"` : 'still some'}`);
    }
    await shot(page, runDir, 'after-fix', fixed ? 'vscode-quickfix-applied.png' : undefined);

    const errors = (await notifications(page)).filter((n) => n.severity === 'error');
    report(S, 'no error notifications', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message)) : 'none');
    if (pageErrors.length) {
      log(`page errors: ${pageErrors.slice(0, 5).join(' | ')}`);
    }
  } finally {
    const failed = results.some((r) => r.scenario === S && (r.status === 'FAIL' || r.status === 'XPASS'));
    const text = saveLog(runDir, 'some checks failed', failed);
    const ms = /server ready in (\d+) ms/.exec(text);
    if (ms) {
      log(`the extension logged: server ready in ${ms[1]} ms`);
    }
    await page.close().catch(() => {});
    await stopCodeServer(cs);
  }
}

// ---------------------------------------------------------------- scenario: no Java
async function noJavaScenario(browser) {
  shotNo = 0;
  const S = 'no-java';
  const runDir = path.join(options.out, 'no-java');
  const ws = path.join(runDir, 'workspace');
  const emptyJdk = path.join(runDir, 'empty-jdk');
  const emptyBin = path.join(runDir, 'bin');
  for (const d of [ws, emptyJdk, emptyBin]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.copyFileSync(path.join(repoDir, 'examples/seed_tour.py'), path.join(ws, 'seed_tour.py'));
  // The extension host inherits this environment: no java on PATH, no JAVA_HOME.
  // VSCODE_CLI=1 stops code-server from re-reading PATH from a login shell
  // (which would put /usr/bin, and so java, back).
  const env = codeServerEnv(runDir, { PATH: emptyBin, VSCODE_CLI: '1' });
  delete env.JAVA_HOME;
  writeSettings(path.join(runDir, 'user'), { 'memlens.java.home': emptyJdk });
  const inst = installVsix(runDir, env);
  if (!report(S, 'install vsix', inst.ok, inst.ok ? path.basename(options.vsix) : inst.output.slice(-400))) {
    return;
  }
  const cs = await startCodeServer(runDir, ws, env);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(30000);
  try {
    if (!report(S, 'code-server starts (PATH without java)', cs.healthy, cs.url)) {
      return;
    }
    await openWorkbench(page, cs, ws);
    await quickOpen(page, 'seed_tour.py');
    const status = await waitFor(async () => ((await statusOf(page)) === 'MemLens: error' ? 'MemLens: error' : null), 30000);
    report(S, 'status bar says error', !!status, `status bar "${(await statusOf(page)) ?? 'none'}"`);
    const notes = (await waitFor(async () => {
      const n = await notifications(page);
      return n.some((x) => /Java 17/.test(x.message)) ? n : null;
    }, 20000)) ?? (await notifications(page));
    // A toast fades in; VS Code marks it done when the transition ends.
    await page.waitForSelector('.notifications-toasts .notification-toast.notification-fade-in-done', { timeout: 5000 }).catch(() => log('the notification toast did not finish fading in'));
    const javaNotes = notes.filter((n) => /Java/.test(n.message));
    const one = javaNotes.length === 1 ? javaNotes[0] : undefined;
    report(
      S,
      'one notification: what to install, where to set it',
      !!one && /install/i.test(one.message) && /memlens\.java\.home/.test(one.message) && one.buttons.includes('Open Setting'),
      one ? `"${one.message.slice(0, 150)}…" buttons ${JSON.stringify(one.buttons)}` : `${javaNotes.length} Java notifications: ${JSON.stringify(notes.map((n) => n.message.slice(0, 80)))}`,
    );
    const errors = notes.filter((n) => n.severity === 'error');
    report(S, 'no error popups', errors.length === 0, errors.length ? JSON.stringify(errors.map((n) => n.message.slice(0, 120))) : `${notes.length} notification(s), none an error`);
    await shot(page, runDir, 'no-java', one ? 'vscode-no-java.png' : undefined);
    if (one) {
      await page.locator('.notifications-toasts .monaco-button', { hasText: 'Open Setting' }).first().click();
      const opened = await waitFor(
        () => page.$$eval('.settings-editor .setting-item-label, .settings-editor .setting-item-category', (els) => els.some((e) => /Java/.test(e.textContent ?? ''))),
        15000,
      );
      report(S, '"Open Setting" shows memlens.java.home', !!opened, opened ? 'the settings editor shows Java: Home' : 'the settings editor did not show the setting');
      await shot(page, runDir, 'open-setting');
    }
    const later = (await notifications(page)).filter((n) => n.severity === 'error');
    report(S, 'still no error popups at the end', later.length === 0, later.length ? JSON.stringify(later.map((n) => n.message.slice(0, 120))) : 'none');
  } finally {
    saveLog(runDir, 'what the extension logged', true);
    await page.close().catch(() => {});
    await stopCodeServer(cs);
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
  if (!fs.existsSync(options.chromium)) {
    console.error(`no Chromium at ${options.chromium}: apt-get install chromium (run.sh does)`);
    process.exit(2);
  }
  console.log(`MemLens e2e: vsix ${options.vsix}`);
  console.log(`             output ${options.out}`);
  const watchdog = setTimeout(() => {
    report('all', 'run within the total time limit', false, `stopped after ${options.totalMs / 1000} s`);
    writeResults();
    killAll();
    printSummary();
    process.exit(1);
  }, options.totalMs);
  watchdog.unref();
  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: !options.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const started = Date.now();
  // What a scenario in a file of its own uses from this harness.
  const harness = {
    options, repoDir, results, quickInput, report, log, waitFor, retry, codeServerEnv, writeSettings, installVsix,
    startCodeServer, stopCodeServer, openWorkbench, quickOpen, quickInputType, focusedQuickPickRow, runCommand, gotoLine,
    hintsOn, diagramFrame, settled, closeOtherGroups, notifications, extHostLog, saveLog, shot, showProblems,
    closePanel,
  };
  const scenarios = {
    main: mainScenario, 'no-java': noJavaScenario,
    notebook: (b) => notebookScenario(b, harness), diagram: (b) => diagramScenario(b, harness),
  };
  try {
    for (const [name, fn] of Object.entries(scenarios)) {
      if (options.scenario === 'all' || options.scenario === name) {
        await fn(browser).catch((e) => report(name, 'scenario ran to the end', false, e.stack?.split('\n').slice(0, 4).join(' ') ?? String(e)));
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  if (options.docs) {
    const failed = results.filter((r) => r.status === 'FAIL' || r.status === 'XPASS');
    if (failed.length) {
      console.log('docs: not updated, a check failed');
    } else {
      for (const d of docs) {
        fs.copyFileSync(d.file, path.join(repoDir, 'docs', d.docName));
        console.log(`docs: ${path.basename(d.file)} -> docs/${d.docName}`);
      }
    }
  }
  writeResults();
  console.log(`\ne2e finished in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots and logs in ${options.out}`);
  process.exit(printSummary() ? 1 : 0);
}

/** Prints the closing lines; returns how many checks failed. */
function printSummary() {
  const count = (s) => results.filter((r) => r.status === s).length;
  if (count('XFAIL')) {
    console.log(`known server gaps (XFAIL, not counted as failures): ${count('XFAIL')}`);
  }
  const failed = count('FAIL') + count('XPASS');
  console.log(`${count('PASS')} passed, ${failed} failed`);
  return failed;
}

function writeResults() {
  fs.writeFileSync(path.join(options.out, 'results.json'), JSON.stringify(results, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
