// Finds a Java 17+ runtime for the server. Pure: the file system and process
// execution are passed in, so the lookup order and the version parsing are
// unit-tested without VS Code and without a real JDK.

import * as path from 'node:path';

export const MIN_JAVA_VERSION = 17;

/** Where a candidate came from, in lookup order. */
export type JavaSource = 'setting' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  source: JavaSource;
  /** Absolute path of the java executable, or the bare command for PATH. */
  executable: string;
}

export interface JavaFound {
  ok: true;
  source: JavaSource;
  executable: string;
  version: number;
  versionText: string;
}

export interface JavaRejected {
  source: JavaSource;
  executable: string;
  /** Why it cannot be used: missing, does not run, or too old. */
  reason: string;
}

export interface JavaMissing {
  ok: false;
  rejected: JavaRejected[];
}

export type JavaLookup = JavaFound | JavaMissing;

export interface JavaProbe {
  /** True when the file exists (and is not a directory). */
  isFile(file: string): boolean;
  /** Runs `executable -version`; resolves to its combined output, rejects when it cannot run. */
  runVersion(executable: string): Promise<string>;
  /**
   * The text of the `release` file of the installation that holds `executable` (`HOME/bin/java`; a bare
   * command found on the PATH; symbolic links followed), or undefined when there is none.
   */
  readRelease(executable: string): string | undefined;
}

export interface JavaLookupInput {
  settingHome: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

function javaIn(home: string, platform: NodeJS.Platform): string {
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(home, 'bin', exe);
}

/**
 * The candidates in the order they are tried: the `memlens.java.home`
 * setting, then `JAVA_HOME`, then `java` on the PATH. A setting that is set
 * is still followed by the others: a stale setting must not leave the user
 * without a server when a good Java is installed.
 */
export function javaCandidates(input: JavaLookupInput): JavaCandidate[] {
  const out: JavaCandidate[] = [];
  const setting = input.settingHome?.trim();
  if (setting) {
    out.push({ source: 'setting', executable: javaIn(setting, input.platform) });
  }
  const javaHome = input.env.JAVA_HOME?.trim();
  if (javaHome) {
    out.push({ source: 'JAVA_HOME', executable: javaIn(javaHome, input.platform) });
  }
  out.push({ source: 'PATH', executable: input.platform === 'win32' ? 'java.exe' : 'java' });
  return out;
}

/**
 * The feature version (8, 11, 17, 21...) from `java -version` output, or
 * undefined when none is found. Handles the legacy `1.8.0_392` scheme, the
 * JEP 223 `17.0.2`, bare `21`, early-access `22-ea`, and vendor lines such as
 * `openjdk version "17.0.15" 2025-04-15`.
 */
export function parseJavaVersion(output: string): number | undefined {
  const quoted = /version\s+"([^"]+)"/.exec(output);
  const text = quoted ? quoted[1] : /\b(?:openjdk|java)\s+(\d[\w.+-]*)/i.exec(output)?.[1];
  if (!text) {
    return undefined;
  }
  const m = /^(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) {
    return undefined;
  }
  const major = Number(m[1]);
  if (major === 1 && m[2] !== undefined) {
    return Number(m[2]);
  }
  return major;
}

/**
 * The feature version from a Java installation's `release` file (`JAVA_VERSION="17.0.15"`, present in every
 * JDK and JRE since 9), or undefined when it has no such line.
 */
export function parseReleaseVersion(release: string): { version: number; text: string } | undefined {
  const m = /^JAVA_VERSION="([^"]+)"/m.exec(release);
  const version = m ? parseJavaVersion(`version "${m[1]}"`) : undefined;
  return m && version !== undefined ? { version, text: `JAVA_VERSION="${m[1]}" (release file)` } : undefined;
}

/** First line of the version output, for logs ("openjdk version "17.0.15" ..."). */
export function versionLine(output: string): string {
  return output.split(/\r?\n/).find((l) => /version/i.test(l))?.trim() ?? output.trim().split(/\r?\n/)[0] ?? '';
}

export async function locateJava(input: JavaLookupInput, probe: JavaProbe): Promise<JavaLookup> {
  const rejected: JavaRejected[] = [];
  for (const c of javaCandidates(input)) {
    if (c.source !== 'PATH' && !probe.isFile(c.executable)) {
      rejected.push({ ...c, reason: 'not found' });
      continue;
    }
    // A release file that says 17+ is enough: `java -version` would start a JVM (0.1-0.4 s) just before the
    // server starts one. Anything else (no file, an old version) is left to `-version`, which has the last word.
    const release = parseReleaseVersion(probe.readRelease(c.executable) ?? '');
    if (release && release.version >= MIN_JAVA_VERSION) {
      return { ok: true, source: c.source, executable: c.executable, version: release.version, versionText: release.text };
    }
    let output: string;
    try {
      output = await probe.runVersion(c.executable);
    } catch (e) {
      rejected.push({ ...c, reason: c.source === 'PATH' ? 'no java on the PATH' : `does not run (${errorText(e)})` });
      continue;
    }
    const version = parseJavaVersion(output);
    if (version === undefined) {
      rejected.push({ ...c, reason: `unrecognized version output: ${versionLine(output) || '(empty)'}` });
      continue;
    }
    if (version < MIN_JAVA_VERSION) {
      rejected.push({ ...c, reason: `Java ${version} is too old` });
      continue;
    }
    return { ok: true, source: c.source, executable: c.executable, version, versionText: versionLine(output) };
  }
  return { ok: false, rejected };
}

/** The user-facing explanation of why no Java was usable (one line per candidate). */
export function describeRejections(rejected: JavaRejected[]): string {
  const where: Record<JavaSource, string> = {
    setting: 'memlens.java.home',
    JAVA_HOME: 'JAVA_HOME',
    PATH: 'PATH',
  };
  return rejected.map((r) => `${where[r.source]} (${r.executable}): ${r.reason}`).join('; ');
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return e instanceof Error ? e.message : String(e);
}
