import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeRejections,
  javaCandidates,
  JavaProbe,
  locateJava,
  parseJavaVersion,
  parseReleaseVersion,
} from '../src/javaLocator';

const OPENJDK_17 = `openjdk version "17.0.15" 2025-04-15
OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)
OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)`;
const ORACLE_8 = `java version "1.8.0_392"
Java(TM) SE Runtime Environment (build 1.8.0_392-b08)`;
const TEMURIN_11 = `openjdk version "11.0.21" 2023-10-17
OpenJDK Runtime Environment Temurin-11.0.21+9 (build 11.0.21+9)`;

describe('parseJavaVersion', () => {
  const cases: [string, number | undefined][] = [
    [OPENJDK_17, 17],
    [ORACLE_8, 8],
    [TEMURIN_11, 11],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "22-ea" 2024-03-19', 22],
    ['java version "9"', 9],
    ['java version "1.7.0_80"', 7],
    ['openjdk version "25.0.1" 2025-10-21 LTS', 25],
    ['openjdk 17.0.2 2022-01-18', 17], // `java --version` style, no quotes
    ['Picked up JAVA_TOOL_OPTIONS: -Dx=y\nopenjdk version "17.0.1" 2021-10-19', 17],
    ['', undefined],
    ['bash: java: command not found', undefined],
    ['version "abc"', undefined],
  ];
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text.split('\n')[0]).slice(0, 50)} -> ${want}`, () => {
      assert.equal(parseJavaVersion(text), want);
    });
  }
});

describe('javaCandidates', () => {
  it('tries the setting, then JAVA_HOME, then PATH', () => {
    const c = javaCandidates({ settingHome: '/opt/jdk21', env: { JAVA_HOME: '/usr/lib/jvm/java-17' }, platform: 'linux' });
    assert.deepEqual(c, [
      { source: 'setting', executable: '/opt/jdk21/bin/java' },
      { source: 'JAVA_HOME', executable: '/usr/lib/jvm/java-17/bin/java' },
      { source: 'PATH', executable: 'java' },
    ]);
  });
  it('skips an empty setting and an unset JAVA_HOME', () => {
    const c = javaCandidates({ settingHome: '  ', env: {}, platform: 'linux' });
    assert.deepEqual(c, [{ source: 'PATH', executable: 'java' }]);
  });
  it('uses java.exe and backslashes on Windows', () => {
    const c = javaCandidates({ settingHome: 'C:\\jdk', env: {}, platform: 'win32' });
    assert.equal(c[0].executable, 'C:\\jdk\\bin\\java.exe');
    assert.equal(c[1].executable, 'java.exe');
  });
});

function probe(files: Record<string, string | Error>, releases: Record<string, string> = {}): JavaProbe & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    isFile: (f) => f in files,
    readRelease: (exe) => releases[exe],
    runVersion: async (exe) => {
      ran.push(exe);
      const out = files[exe];
      if (out === undefined) {
        throw Object.assign(new Error(`spawn ${exe} ENOENT`), { code: 'ENOENT' });
      }
      if (out instanceof Error) {
        throw out;
      }
      return out;
    },
  };
}

describe('parseReleaseVersion', () => {
  it('reads JAVA_VERSION', () => {
    const r = parseReleaseVersion('IMPLEMENTOR="Debian"\nJAVA_RUNTIME_VERSION="17.0.15+6-Debian-1deb12u1"\nJAVA_VERSION="17.0.15"\n');
    assert.deepEqual(r, { version: 17, text: 'JAVA_VERSION="17.0.15" (release file)' });
  });
  it('reads the legacy 1.8 scheme and bare versions', () => {
    assert.equal(parseReleaseVersion('JAVA_VERSION="1.8.0_392"')?.version, 8);
    assert.equal(parseReleaseVersion('JAVA_VERSION="25"')?.version, 25);
  });
  it('gives up without a JAVA_VERSION line', () => {
    assert.equal(parseReleaseVersion(''), undefined);
    assert.equal(parseReleaseVersion('JAVA_RUNTIME_VERSION="17.0.15+6"'), undefined);
    assert.equal(parseReleaseVersion('JAVA_VERSION="abc"'), undefined);
  });
});

describe('locateJava', () => {
  const env = { JAVA_HOME: '/jh' };

  it('takes a 17+ release file without starting a JVM', async () => {
    const p = probe({ '/jh/bin/java': OPENJDK_17 }, { '/jh/bin/java': 'JAVA_VERSION="21.0.2"\n' });
    const r = await locateJava({ settingHome: undefined, env, platform: 'linux' }, p);
    assert.ok(r.ok);
    assert.equal(r.source, 'JAVA_HOME');
    assert.equal(r.version, 21);
    assert.equal(r.versionText, 'JAVA_VERSION="21.0.2" (release file)');
    assert.deepEqual(p.ran, []);
  });

  it('asks -version when the release file is missing, unreadable or says older than 17', async () => {
    const p = probe({ '/set/bin/java': OPENJDK_17, '/jh/bin/java': OPENJDK_17 }, { '/jh/bin/java': 'JAVA_VERSION="11.0.21"', java: 'nonsense' });
    const r = await locateJava({ settingHome: '/set', env, platform: 'linux' }, p);
    assert.ok(r.ok);
    assert.equal(r.source, 'setting');
    assert.deepEqual(p.ran, ['/set/bin/java']);
    const old = probe({ '/jh/bin/java': TEMURIN_11, java: OPENJDK_17 }, { '/jh/bin/java': 'JAVA_VERSION="11.0.21"', java: 'JAVA_VERSION="17.0.15"' });
    const r2 = await locateJava({ settingHome: undefined, env, platform: 'linux' }, old);
    assert.ok(r2.ok);
    assert.equal(r2.source, 'PATH');
    assert.deepEqual(old.ran, ['/jh/bin/java']);
  });

  it('takes the setting when it is 17+', async () => {
    const p = probe({ '/set/bin/java': OPENJDK_17, '/jh/bin/java': OPENJDK_17, java: OPENJDK_17 });
    const r = await locateJava({ settingHome: '/set', env, platform: 'linux' }, p);
    assert.ok(r.ok);
    assert.equal(r.source, 'setting');
    assert.equal(r.version, 17);
    assert.match(r.versionText, /17\.0\.15/);
    assert.deepEqual(p.ran, ['/set/bin/java']);
  });

  it('falls back to JAVA_HOME when the setting points to an empty folder', async () => {
    const p = probe({ '/jh/bin/java': TEMURIN_11.replace(/11\.0\.21/g, '21.0.1'), java: OPENJDK_17 });
    const r = await locateJava({ settingHome: '/empty', env, platform: 'linux' }, p);
    assert.ok(r.ok);
    assert.equal(r.source, 'JAVA_HOME');
    assert.equal(r.version, 21);
  });

  it('falls back to PATH when JAVA_HOME is too old', async () => {
    const p = probe({ '/jh/bin/java': ORACLE_8, java: OPENJDK_17 });
    const r = await locateJava({ settingHome: undefined, env, platform: 'linux' }, p);
    assert.ok(r.ok);
    assert.equal(r.source, 'PATH');
    assert.equal(r.executable, 'java');
  });

  it('reports every candidate when none is 17+', async () => {
    const p = probe({ '/jh/bin/java': TEMURIN_11 });
    const r = await locateJava({ settingHome: '/empty', env, platform: 'linux' }, p);
    assert.equal(r.ok, false);
    if (r.ok) {
      return;
    }
    assert.deepEqual(
      r.rejected.map((x) => [x.source, x.reason]),
      [
        ['setting', 'not found'],
        ['JAVA_HOME', 'Java 11 is too old'],
        ['PATH', 'no java on the PATH'],
      ],
    );
    assert.equal(
      describeRejections(r.rejected),
      'memlens.java.home (/empty/bin/java): not found; JAVA_HOME (/jh/bin/java): Java 11 is too old; PATH (java): no java on the PATH',
    );
  });

  it('rejects a java whose output it cannot read, and one that does not run', async () => {
    const p = probe({ '/set/bin/java': 'Error: could not find libjava.so', '/jh/bin/java': new Error('EACCES') });
    const r = await locateJava({ settingHome: '/set', env, platform: 'linux' }, p);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.rejected[0].reason, /unrecognized version output: Error: could not find libjava\.so/);
      assert.match(r.rejected[1].reason, /does not run \(EACCES\)/);
    }
  });
});
