import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configurationSection, DEFAULT_SETTINGS, toServerSettings, traceLevel } from '../src/settings';

function reader(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

describe('toServerSettings', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(toServerSettings(reader({})), DEFAULT_SETTINGS);
    assert.equal(DEFAULT_SETTINGS.hints.refcount, 'aliased');
    assert.equal(DEFAULT_SETTINGS.analysis.debounceMs, 150);
  });

  it('maps every setting to its place', () => {
    const s = toServerSettings(
      reader({
        'hints.alias': false,
        'hints.mutation': false,
        'hints.copyDepth': false,
        'hints.refcount': 'all',
        'hints.identity': false,
        'rules.select': ['MEM1'],
        'rules.ignore': ['MEM104'],
        'rules.severity': { MEM101: 'error', MEM102: 'off' },
        'log.level': 'debug',
        'analysis.debounceMs': 400,
        'docs.baseUrl': ' https://git.example.org/memlens/blob/main/docs/rules/ ',
        'java.home': '/opt/jdk',
        profile: 'learning',
        pythonVersion: '3.12',
      }),
    );
    assert.deepEqual(s, {
      hints: { alias: false, mutation: false, copyDepth: false, refcount: 'all', identity: false },
      rules: { select: ['MEM1'], ignore: ['MEM104'], severity: { MEM101: 'error', MEM102: 'off' } },
      log: { level: 'debug' },
      analysis: { debounceMs: 400 },
      docs: { baseUrl: 'https://git.example.org/memlens/blob/main/docs/rules/' },
      profile: 'learning',
      pythonVersion: '3.12',
    });
  });

  it('falls back to defaults for values of the wrong type or outside the enum', () => {
    const s = toServerSettings(
      reader({
        'hints.alias': 'yes',
        'hints.refcount': 'sometimes',
        'log.level': 'verbose',
        'analysis.debounceMs': '200',
        'rules.select': 'MEM101',
        'rules.severity': ['MEM101'],
        'docs.baseUrl': 42,
        profile: 'teacher',
        pythonVersion: 3.12,
      }),
    );
    assert.deepEqual(s, DEFAULT_SETTINGS);
  });

  it('normalizes rule codes and drops invalid ones', () => {
    const s = toServerSettings(
      reader({
        'rules.select': [' mem101 ', 'MEM101', 'MEM 1', 42, 'MEM2'],
        'rules.severity': { mem101: 'Error', MEM102: 'fatal', 'bad key': 'hint', MEM103: 'hint' },
      }),
    );
    assert.deepEqual(s.rules.select, ['MEM101', 'MEM2']);
    assert.deepEqual(s.rules.severity, { MEM101: 'error', MEM103: 'hint' });
  });

  it('clamps and rounds the debounce', () => {
    assert.equal(toServerSettings(reader({ 'analysis.debounceMs': -5 })).analysis.debounceMs, 0);
    assert.equal(toServerSettings(reader({ 'analysis.debounceMs': 99999 })).analysis.debounceMs, 5000);
    assert.equal(toServerSettings(reader({ 'analysis.debounceMs': 120.6 })).analysis.debounceMs, 121);
    assert.equal(toServerSettings(reader({ 'analysis.debounceMs': Number.NaN })).analysis.debounceMs, 150);
  });
});

describe('traceLevel', () => {
  it('accepts the three levels and defaults to off', () => {
    assert.equal(traceLevel(reader({ 'trace.server': 'verbose' })), 'verbose');
    assert.equal(traceLevel(reader({ 'trace.server': 'loud' })), 'off');
    assert.equal(traceLevel(reader({})), 'off');
  });
});

describe('configurationSection', () => {
  const s = toServerSettings(reader({ 'hints.refcount': 'all' }));
  it('answers the whole object, a group, or a leaf', () => {
    assert.deepEqual(configurationSection(s, 'memlens'), s);
    assert.deepEqual(configurationSection(s, 'memlens.hints'), s.hints);
    assert.equal(configurationSection(s, 'memlens.hints.refcount'), 'all');
    assert.equal(configurationSection(s, 'memlens.analysis.debounceMs'), 150);
  });
  it('answers null for unknown sections', () => {
    assert.equal(configurationSection(s, 'memlens.nope'), null);
    assert.equal(configurationSection(s, 'memlens.hints.alias.deeper'), null);
    assert.equal(configurationSection(s, 'python'), null);
  });
});
