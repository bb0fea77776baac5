// The contributed settings in package.json and the mapping in settings.ts
// must agree: same keys, same defaults, same enums.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../src/settings';

interface Prop {
  type: string;
  default: unknown;
  enum?: string[];
  description?: string;
  markdownDescription?: string;
  items?: { enum?: string[] };
  additionalProperties?: { enum?: string[] };
}

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props: Record<string, Prop> = pkg.contributes.configuration.properties;

function flatten(obj: object, prefix: string, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length && k !== 'severity') {
      flatten(v, `${prefix}${k}.`, out);
    } else {
      out[`${prefix}${k}`] = v;
    }
  }
  return out;
}

describe('package.json contributes', () => {
  it('declares every server setting with the same default', () => {
    const flat = flatten(DEFAULT_SETTINGS, 'memlens.');
    for (const [key, value] of Object.entries(flat)) {
      assert.ok(props[key], `missing contributed setting ${key}`);
      assert.deepEqual(props[key].default, value, `default of ${key}`);
    }
  });

  it('declares exactly the settings of the brief, each with a description', () => {
    assert.deepEqual(Object.keys(props).sort(), [
      'memlens.analysis.debounceMs',
      'memlens.docs.baseUrl',
      'memlens.hints.alias',
      'memlens.hints.copyDepth',
      'memlens.hints.identity',
      'memlens.hints.mutation',
      'memlens.hints.refcount',
      'memlens.java.home',
      'memlens.log.level',
      'memlens.profile',
      'memlens.pythonVersion',
      'memlens.rules.ignore',
      'memlens.rules.select',
      'memlens.rules.severity',
      'memlens.trace.server',
    ]);
    for (const [key, p] of Object.entries(props)) {
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `description of ${key}`);
    }
  });

  it('uses the enums the server understands', () => {
    assert.deepEqual(props['memlens.hints.refcount'].enum, ['off', 'aliased', 'all']);
    assert.deepEqual(props['memlens.log.level'].enum, ['error', 'warn', 'info', 'debug']);
    assert.deepEqual(props['memlens.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(props['memlens.profile'].enum, ['working', 'learning']);
    assert.deepEqual(props['memlens.rules.severity'].additionalProperties?.enum, ['error', 'warning', 'information', 'hint', 'off']);
  });

  it('has a command for every contributed command id, with the MemLens category', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(ids, ['memlens.explainRuleAtCursor', 'memlens.exportMemoryDiagram', 'memlens.restartServer', 'memlens.showMemoryDiagram', 'memlens.showOutput']);
    const src = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
    for (const id of ids) {
      assert.ok(src.includes(`'${id}'`), `${id} is registered in extension.ts`);
    }
  });

  it('activates on Python (a file, a notebook, or a workspace holding some) and bundles to dist/extension.js', () => {
    // workspaceContains: the server starts while the folder opens, so the first file's hints do not wait for a JVM
    assert.deepEqual(pkg.activationEvents, [
      'onLanguage:python',
      'onNotebook:jupyter-notebook',
      'workspaceContains:**/*.py',
      'workspaceContains:**/*.ipynb',
    ]);
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.dependencies['vscode-languageclient'], '9.0.1');
  });
});

describe('versions', () => {
  it('package.json and the Maven module agree, so the vsix is target/memlens-<version>.vsix', () => {
    const pom = fs.readFileSync(path.join(root, 'pom.xml'), 'utf8');
    const parentVersion = /<parent>[\s\S]*?<version>([^<]+)<\/version>[\s\S]*?<\/parent>/.exec(pom)?.[1];
    assert.equal(pkg.version, parentVersion);
  });
});

describe('diagram webview assets', () => {
  it('takes every colour from VS Code theme variables', () => {
    const css = fs.readFileSync(path.join(root, 'media', 'diagram.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.ok(!/#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/.test(css), 'no literal colours');
    for (const m of css.matchAll(/(?:fill|stroke|color|background|border(?:-top)?)\s*:\s*([^;]+);/g)) {
      const value = m[1].trim();
      assert.ok(/var\(--vscode-|^none$|currentColor|^\d|solid var|dashed var/.test(value), `themed value: ${m[0]}`);
    }
  });
  it('the webview script only talks through acquireVsCodeApi and never evaluates strings', () => {
    const js = fs.readFileSync(path.join(root, 'media', 'diagram.js'), 'utf8');
    assert.ok(js.includes('acquireVsCodeApi()'));
    assert.ok(!/\beval\(|new Function|setTimeout\(['"]/.test(js));
  });
});
