// Maps the `memlens.*` VS Code settings to the object the server reads.
// Pure (no vscode import): values are validated here so that a hand-edited
// settings.json with a wrong type falls back to the default instead of
// reaching the server.

export type RefcountMode = 'off' | 'aliased' | 'all';
export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type TraceLevel = 'off' | 'messages' | 'verbose';
export type Profile = 'working' | 'learning';

/** What the server receives as `initializationOptions.settings` and in `workspace/didChangeConfiguration`. */
export interface ServerSettings {
  hints: {
    alias: boolean;
    mutation: boolean;
    copyDepth: boolean;
    refcount: RefcountMode;
    identity: boolean;
  };
  rules: {
    select: string[];
    ignore: string[];
    severity: Record<string, RuleSeverity>;
  };
  log: { level: LogLevel };
  analysis: { debounceMs: number };
  /** Where the docs/rules/ pages are published (absolute URL), or '' for no links; the server checks it. */
  docs: { baseUrl: string };
  /** `learning` adds an inline hint for every fact of the tutorial; `working` shows what a developer acts on. */
  profile: Profile;
  /** The Python version to analyze for ('3.14'), or '' for each file's pyproject.toml, else the newest. */
  pythonVersion: string;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  hints: { alias: true, mutation: true, copyDepth: true, refcount: 'aliased', identity: true },
  rules: { select: [], ignore: [], severity: {} },
  log: { level: 'info' },
  analysis: { debounceMs: 150 },
  docs: { baseUrl: '' },
  profile: 'working',
  pythonVersion: '',
};

const REFCOUNT: readonly RefcountMode[] = ['off', 'aliased', 'all'];
const SEVERITY: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];
const LOG: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const TRACE: readonly TraceLevel[] = ['off', 'messages', 'verbose'];
const PROFILE: readonly Profile[] = ['working', 'learning'];
const RULE_CODE = /^[A-Z]+[0-9]*$/;
const PYTHON_VERSION = /^3\.[0-9]{1,2}$/;
export const MAX_DEBOUNCE_MS = 5000;

/** Reads one key below `memlens.` (for example `hints.alias`); undefined when unset. */
export type SettingReader = (key: string) => unknown;

function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], d: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : d;
}

function codes(v: unknown): string[] {
  if (!Array.isArray(v)) {
    return [];
  }
  const out: string[] = [];
  for (const item of v) {
    if (typeof item === 'string') {
      const code = item.trim().toUpperCase();
      if (RULE_CODE.test(code) && !out.includes(code)) {
        out.push(code);
      }
    }
  }
  return out;
}

function severities(v: unknown): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    return out;
  }
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    const code = key.trim().toUpperCase();
    const sev = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (RULE_CODE.test(code) && typeof sev === 'string' && (SEVERITY as readonly string[]).includes(sev)) {
      out[code] = sev as RuleSeverity;
    }
  }
  return out;
}

function debounce(v: unknown, d: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return d;
  }
  return Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(v)));
}

/** A version like '3.14', or the default; the server checks the range (3.8 to its newest). */
function pythonVersion(v: unknown, d: string): string {
  return typeof v === 'string' && PYTHON_VERSION.test(v.trim()) ? v.trim() : d;
}

export function toServerSettings(read: SettingReader): ServerSettings {
  const d = DEFAULT_SETTINGS;
  return {
    hints: {
      alias: bool(read('hints.alias'), d.hints.alias),
      mutation: bool(read('hints.mutation'), d.hints.mutation),
      copyDepth: bool(read('hints.copyDepth'), d.hints.copyDepth),
      refcount: oneOf(read('hints.refcount'), REFCOUNT, d.hints.refcount),
      identity: bool(read('hints.identity'), d.hints.identity),
    },
    rules: {
      select: codes(read('rules.select')),
      ignore: codes(read('rules.ignore')),
      severity: severities(read('rules.severity')),
    },
    log: { level: oneOf(read('log.level'), LOG, d.log.level) },
    analysis: { debounceMs: debounce(read('analysis.debounceMs'), d.analysis.debounceMs) },
    docs: { baseUrl: typeof read('docs.baseUrl') === 'string' ? (read('docs.baseUrl') as string).trim() : d.docs.baseUrl },
    profile: oneOf(read('profile'), PROFILE, d.profile),
    pythonVersion: pythonVersion(read('pythonVersion'), d.pythonVersion),
  };
}

export function traceLevel(read: SettingReader): TraceLevel {
  return oneOf(read('trace.server'), TRACE, 'off');
}

/**
 * Answers a `workspace/configuration` item for a section below `memlens`
 * (`memlens`, `memlens.hints`, `memlens.hints.alias`...) from the mapped
 * settings, so pull and push configuration agree. Unknown sections: null.
 */
export function configurationSection(settings: ServerSettings, section: string | undefined): unknown {
  if (section === undefined || section === '' || section === 'memlens') {
    return settings;
  }
  if (!section.startsWith('memlens.')) {
    return null;
  }
  let node: unknown = settings;
  for (const part of section.slice('memlens.'.length).split('.')) {
    if (!node || typeof node !== 'object' || !(part in (node as object))) {
      return null;
    }
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The settings that need a server restart instead of a configuration change. */
export const RESTART_SETTINGS = ['memlens.java.home'];
