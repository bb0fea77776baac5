// Owns the language client: Java lookup, start/stop/restart, crash policy,
// settings forwarding and the status bar item.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { describeRejections, JavaLookup, JavaProbe, locateJava, MIN_JAVA_VERSION } from './javaLocator';
import { configurationSection, RESTART_SETTINGS, ServerSettings, toServerSettings } from './settings';
import { ANALYSIS_STATUS } from './analysisStatus';
import { AnalysisStatusParams } from './partialAnalysis';

export const CLIENT_ID = 'memlens';
// The JVM's default collector (G1): with the serial one, a 10,000-line file's edits met old-generation collections
// that paused the server for ~700 ms (memlens bench-lsp: hints p95 273-705 ms instead of 59-106 ms).
const JVM_ARGS = ['-Xss4m', '-Dfile.encoding=UTF-8'];
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

/**
 * vscode-languageclient forces an error popup when the connection fails
 * ("couldn't create connection to server"). MemLens reports failures once,
 * in the status bar and the output channel, so notifications are never shown
 * from here.
 */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
  override warn(message: string, data?: unknown): void {
    super.warn(message, data, false);
  }
}

type Status = { kind: 'starting' | 'ready' | 'error' | 'stopped'; detail: string };

export function readSettings(): ServerSettings {
  const cfg = vscode.workspace.getConfiguration('memlens');
  return toServerSettings((key) => cfg.get(key));
}

export class MemLensServer implements vscode.Disposable {
  client: QuietLanguageClient | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time a server becomes ready (after start and restarts). */
  readonly onReady = this.readyEmitter.event;
  private readonly analysisStatusEmitter = new vscode.EventEmitter<AnalysisStatusParams | undefined>();
  /** memlens/analysisStatus from the server; undefined when a server stops (what it said no longer holds). */
  readonly onAnalysisStatus = this.analysisStatusEmitter.event;
  private crashes: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;
  private javaWarningShown = false;
  private current: Status = { kind: 'stopped', detail: '' };

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {
    this.status = vscode.window.createStatusBarItem('memlens.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'MemLens';
    this.status.command = 'memlens.showOutput';
    this.disposables.push(
      this.status,
      this.readyEmitter,
      this.analysisStatusEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
    );
    this.setStatus({ kind: 'stopped', detail: 'not started' });
    this.status.show();
  }

  get isReady(): boolean {
    return this.current.kind === 'ready' && this.client?.state === State.Running;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    this.crashes = [];
    this.javaWarningShown = false;
    return this.enqueue(async () => {
      this.log('restarting the server');
      await this.doStop();
      await this.doStart();
    });
  }

  dispose(): void {
    void this.stop();
    this.disposables.forEach((d) => d.dispose());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private log(message: string): void {
    this.output.appendLine(`[client ${new Date().toISOString().slice(11, 23)}] ${message}`);
  }

  private setStatus(s: Status): void {
    this.current = s;
    const icon = { starting: '$(sync~spin)', ready: '$(check)', error: '$(error)', stopped: '$(circle-slash)' }[s.kind];
    const word = { starting: 'starting', ready: 'ready', error: 'error', stopped: 'stopped' }[s.kind];
    this.status.text = `${icon} MemLens`;
    this.status.tooltip = `MemLens: ${word}${s.detail ? ` — ${s.detail}` : ''}\nClick to show the output.`;
    this.status.accessibilityInformation = { label: `MemLens: ${word}` };
    this.status.backgroundColor = s.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private async serverCommand(): Promise<{ command: string; args: string[]; detail: string } | undefined> {
    // For server development: run the server some other way (a debugger, a
    // classes directory, a stub) without repackaging the extension.
    const dev = process.env.MEMLENS_DEV_SERVER_COMMAND;
    if (dev) {
      try {
        const argv = JSON.parse(dev) as unknown;
        if (Array.isArray(argv) && argv.length && argv.every((a) => typeof a === 'string')) {
          this.log(`MEMLENS_DEV_SERVER_COMMAND: ${argv.join(' ')}`);
          return { command: argv[0], args: argv.slice(1), detail: 'development server command' };
        }
      } catch {
        // fall through to the message below
      }
      this.log('MEMLENS_DEV_SERVER_COMMAND is not a JSON array of strings; ignored');
    }

    const jar = process.env.MEMLENS_SERVER_JAR || this.context.asAbsolutePath('server/memlens.jar');
    if (!fs.existsSync(jar)) {
      this.log(`server jar missing: ${jar}`);
      this.setStatus({ kind: 'error', detail: 'the server jar is missing from the extension' });
      void vscode.window.showWarningMessage(
        `MemLens: the server (${jar}) is missing from the extension. Reinstall the extension.`,
      );
      return undefined;
    }

    const java = await this.findJava();
    if (!java.ok) {
      const why = describeRejections(java.rejected);
      this.log(`no Java ${MIN_JAVA_VERSION}+ found: ${why}`);
      this.setStatus({ kind: 'error', detail: `Java ${MIN_JAVA_VERSION} or newer not found` });
      this.showJavaMissing(why);
      return undefined;
    }
    this.log(`Java ${java.version} from ${java.source}: ${java.executable} (${java.versionText})`);
    return {
      command: java.executable,
      args: [...JVM_ARGS, '-jar', jar, 'serve'],
      detail: `Java ${java.version} (${java.source})`,
    };
  }

  private findJava(): Promise<JavaLookup> {
    const isFile = (file: string): boolean => {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    };
    const probe: JavaProbe = {
      isFile,
      readRelease: (exe) => {
        const found = path.isAbsolute(exe)
          ? exe
          : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, exe)).find(isFile);
        try {
          // HOME/bin/java -> HOME/release, through /usr/bin/java -> /etc/alternatives/java -> ...
          return found ? fs.readFileSync(path.join(path.dirname(path.dirname(fs.realpathSync(found))), 'release'), 'utf8') : undefined;
        } catch {
          return undefined;
        }
      },
      runVersion: (exe) =>
        new Promise((resolve, reject) => {
          execFile(exe, ['-version'], { timeout: 15000, windowsHide: true }, (err, stdout, stderr) => {
            if (err && !stdout && !stderr) {
              reject(err);
            } else {
              resolve(`${stderr}${stdout}`);
            }
          });
        }),
    };
    return locateJava(
      { settingHome: vscode.workspace.getConfiguration('memlens').get<string>('java.home'), env: process.env, platform: process.platform },
      probe,
    );
  }

  private showJavaMissing(why: string): void {
    if (this.javaWarningShown) {
      return;
    }
    this.javaWarningShown = true;
    const open = 'Open Setting';
    const output = 'Show Output';
    void vscode.window
      .showWarningMessage(
        `MemLens needs Java ${MIN_JAVA_VERSION} or newer to run its analysis, and none was found. ` +
          `Install a JDK or JRE ${MIN_JAVA_VERSION}+ (for example the openjdk-${MIN_JAVA_VERSION}-jre-headless package, or Eclipse Temurin), ` +
          `then set "MemLens › Java: Home" (memlens.java.home) to its folder or set JAVA_HOME, and run "MemLens: Restart Server".`,
        { detail: why },
        open,
        output,
      )
      .then((choice) => {
        if (choice === open) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'memlens.java.home');
        } else if (choice === output) {
          this.output.show(true);
        }
      });
  }

  private async doStart(): Promise<void> {
    this.stopping = false;
    this.setStatus({ kind: 'starting', detail: 'looking for Java' });
    this.log('starting: looking for Java');
    const cmd = await this.serverCommand();
    if (!cmd) {
      return;
    }
    this.setStatus({ kind: 'starting', detail: cmd.detail });
    const serverOptions: ServerOptions = {
      command: cmd.command,
      args: cmd.args,
      transport: TransportKind.stdio,
      options: { env: { ...process.env } },
    };
    const settings = readSettings();
    // A server that dies before it ever answered initialize is not restarted:
    // it would die the same way (bad jar, bad JVM); doStart reports it once.
    let wasRunning = false;
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'untitled', language: 'python' },
        // Python cells of any notebook: the server advertises notebookDocumentSync, so the cells reach it through
        // notebookDocument/* as one notebook, and requests about a cell use the cell's URI.
        { notebook: '*', language: 'python' },
      ],
      outputChannel: this.output,
      traceOutputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: { settings: { memlens: settings }, client: 'vscode' },
      initializationFailedHandler: (error) => {
        this.log(`initialize failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
      errorHandler: {
        error: (error, _message, count) => {
          this.log(`connection error (${count ?? 1}): ${error.message}`);
          return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
        },
        closed: () => this.closed(wasRunning),
      },
      middleware: {
        workspace: {
          configuration: (params, token, next) => {
            const mapped = readSettings();
            const answers: unknown[] = [];
            let forward = false;
            for (const item of params.items) {
              if (item.section === 'memlens' || item.section?.startsWith('memlens.')) {
                answers.push(configurationSection(mapped, item.section));
              } else {
                forward = true;
                answers.push(undefined);
              }
            }
            if (!forward) {
              return answers;
            }
            return Promise.resolve(next(params, token)).then((defaults) => {
              if (!Array.isArray(defaults)) {
                return defaults;
              }
              return answers.map((a, i) => (a === undefined ? defaults[i] : a));
            });
          },
        },
      },
    };
    const client = new QuietLanguageClient(CLIENT_ID, 'MemLens', serverOptions, clientOptions);
    this.client = client;
    this.analysisStatusEmitter.fire(undefined);
    client.onNotification(ANALYSIS_STATUS, (p: AnalysisStatusParams) => {
      if (client === this.client) {
        this.analysisStatusEmitter.fire(p);
      }
    });
    client.onDidChangeState((e) => {
      if (client !== this.client) {
        return;
      }
      if (e.newState === State.Running) {
        wasRunning = true;
        this.setStatus({ kind: 'ready', detail: cmd.detail });
        this.readyEmitter.fire();
      } else if (e.newState === State.Starting) {
        this.setStatus({ kind: 'starting', detail: cmd.detail });
      }
    });
    const started = Date.now();
    try {
      await client.start();
      if (client.state !== State.Running || !client.initializeResult) {
        // start() can resolve when the process died during initialize.
        throw new Error('the server exited during initialize');
      }
      this.log(`server ready in ${Date.now() - started} ms (${client.initializeResult?.serverInfo?.name ?? 'unnamed'} ${client.initializeResult?.serverInfo?.version ?? ''})`);
      this.setStatus({ kind: 'ready', detail: cmd.detail });
    } catch (e) {
      this.log(`the server did not start: ${e instanceof Error ? e.message : String(e)}`);
      this.setStatus({ kind: 'error', detail: 'the server did not start; see the output' });
      const show = 'Show Output';
      void vscode.window
        .showWarningMessage('The MemLens server did not start, so there are no MemLens hints or diagnostics.', show)
        .then((c) => (c === show ? this.output.show(true) : undefined));
      if (this.client === client) {
        this.client = undefined;
      }
      try {
        await client.dispose(2000);
      } catch {
        // already down
      }
    }
  }

  private closed(wasRunning: boolean): { action: CloseAction; handled: boolean } {
    if (this.stopping || !wasRunning) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length <= MAX_CRASHES) {
      this.log(`the server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_CRASHES})`);
      this.setStatus({ kind: 'starting', detail: 'restarting after a crash' });
      return { action: CloseAction.Restart, handled: true };
    }
    this.log(`the server stopped ${this.crashes.length} times in ${CRASH_WINDOW_MS / 60000} minutes; not restarting`);
    this.setStatus({ kind: 'error', detail: 'the server keeps stopping; see the output' });
    const restart = 'Restart';
    const show = 'Show Output';
    void vscode.window
      .showWarningMessage('The MemLens server keeps stopping, so it was not restarted.', show, restart)
      .then((c) => (c === restart ? this.restart() : c === show ? this.output.show(true) : undefined));
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    this.stopping = true;
    try {
      if (client.state !== State.Stopped) {
        await client.stop(3000);
      }
    } catch (e) {
      this.log(`stop: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.setStatus({ kind: 'stopped', detail: '' });
    }
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('memlens')) {
      return;
    }
    if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s)) || (!this.client && this.current.kind === 'error')) {
      void this.restart();
      return;
    }
    if (this.client && this.isReady) {
      void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { memlens: readSettings() } });
    }
  }
}
