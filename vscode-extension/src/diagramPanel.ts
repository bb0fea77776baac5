// The memory diagram: a webview beside the editor that asks the server for
// the abstract heap at the cursor (`memlens/objectGraph`) and draws it.

import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';
import { normalizeGraph, OBJECT_GRAPH_METHOD, ObjectGraphParams } from './objectGraph';
import type { MemLensServer } from './server';
import type { ObjectGraph } from './objectGraph';
import { escapeXml, layoutGraph, renderSvg } from './svgLayout';

const DEBOUNCE_MS = 250;
const METHOD_NOT_FOUND = -32601;

export class DiagramPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requestSeq = 0;
  private lastEditor: vscode.TextEditor | undefined;
  /** The last graph drawn and where: redrawn when the group from outside opens, saved by the export. */
  private last: { graph: ObjectGraph; caption: string; file: vscode.Uri } | undefined;
  private expandOutside = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: MemLensServer,
    private readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.editorMoved(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.editorMoved(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.lastEditor && e.document === this.lastEditor.document) {
          this.schedule();
        }
      }),
      server.onReady(() => this.schedule()),
    );
  }

  show(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'python') {
      this.lastEditor = editor;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
      this.panel = vscode.window.createWebviewPanel(
        'memlens.memoryDiagram',
        'Memory Diagram',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
      );
      this.panel.webview.html = this.html(this.panel.webview, media);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: string; line?: number }) => {
        if (m?.type === 'reveal' && typeof m.line === 'number' && this.lastEditor) {
          const pos = new vscode.Position(m.line, 0);
          void vscode.window.showTextDocument(this.lastEditor.document, { viewColumn: this.lastEditor.viewColumn, selection: new vscode.Range(pos, pos) });
        } else if (m?.type === 'ready') {
          this.schedule(0);
        } else if (m?.type === 'toggleOutside') {
          this.expandOutside = !this.expandOutside;
          this.draw();
        } else if (m?.type === 'export') {
          void vscode.commands.executeCommand('memlens.exportMemoryDiagram');
        }
      });
    }
    this.schedule(0);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private editorMoved(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'python') {
      return;
    }
    this.lastEditor = editor;
    this.schedule();
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (!this.panel) {
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private post(message: { type: 'graph'; svg: string; caption: string; note: string; outside?: number; expanded?: boolean }): void {
    if (!message.svg) {
      this.last = undefined;
    }
    void this.panel?.webview.postMessage(message);
  }

  private draw(): void {
    if (!this.last) {
      return;
    }
    const { graph, caption } = this.last;
    const layout = layoutGraph(graph, { expandOutside: this.expandOutside });
    const svg = renderSvg(layout, `Memory at ${caption}`);
    this.post({ type: 'graph', svg, caption, note: graph.objects.length || graph.frames.some((f) => f.names.length) ? '' : 'No objects at this position.', outside: layout.outsideCount, expanded: this.expandOutside });
  }

  /**
   * MemLens: Export Memory Diagram as SVG: the diagram as shown (with the group from outside as it is), with
   * fixed colours so it reads the same outside VS Code. `target` skips the save dialog (for scripts and tests).
   */
  async exportSvg(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.last) {
      void vscode.window.showInformationMessage('Open the memory diagram (MemLens: Show Memory Diagram) first; the export saves what it shows.');
      return undefined;
    }
    const { graph, caption, file } = this.last;
    const name = file.path.split('/').pop()?.replace(/\.py$/, '') ?? 'memory';
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(file, '..', `${name}-memory.svg`),
        filters: { 'SVG image': ['svg'] },
        saveLabel: 'Export',
      }));
    if (!uri) {
      return undefined;
    }
    const svg = renderSvg(layoutGraph(graph, { expandOutside: this.expandOutside }), `Memory at ${caption}`, { standalone: true });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`));
    this.output.appendLine(`[client] memory diagram of ${caption} saved to ${uri.fsPath}`);
    void vscode.window.setStatusBarMessage(`MemLens: memory diagram saved to ${vscode.workspace.asRelativePath(uri)}`, 5000);
    return uri;
  }

  private async refresh(): Promise<void> {
    const editor = this.lastEditor;
    if (!this.panel) {
      return;
    }
    if (!editor || editor.document.isClosed) {
      this.post({ type: 'graph', svg: '', caption: '', note: 'Put the cursor in a Python file.' });
      return;
    }
    const doc = editor.document;
    const pos = editor.selection.active;
    const caption = `${vscode.workspace.asRelativePath(doc.uri)}:${pos.line + 1}`;
    const client = this.server.client;
    if (!client || !this.server.isReady) {
      this.post({ type: 'graph', svg: '', caption, note: 'The MemLens server is not running.' });
      return;
    }
    const seq = ++this.requestSeq;
    const params: ObjectGraphParams = {
      textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
      position: { line: pos.line, character: pos.character },
    };
    let raw: unknown;
    try {
      raw = await client.sendRequest(OBJECT_GRAPH_METHOD, params);
    } catch (e) {
      if (seq !== this.requestSeq) {
        return;
      }
      const missing = e instanceof ResponseError && e.code === METHOD_NOT_FOUND;
      this.output.appendLine(`[client] ${OBJECT_GRAPH_METHOD} failed: ${e instanceof Error ? e.message : String(e)}`);
      this.post({
        type: 'graph',
        svg: '',
        caption,
        note: missing ? 'This MemLens server does not provide memory diagrams yet.' : 'The server could not build the diagram; see MemLens: Show Output.',
      });
      return;
    }
    if (seq !== this.requestSeq) {
      return;
    }
    const { graph, problems } = normalizeGraph(raw);
    if (problems.length) {
      this.output.appendLine(`[client] ${OBJECT_GRAPH_METHOD}: dropped ${problems.join('; ')}`);
    }
    this.last = { graph, caption, file: doc.uri };
    this.draw();
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'diagram.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'diagram.js'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeXml(css.toString())}">
<title>Memory Diagram</title>
</head>
<body>
<header><span id="caption" class="caption"></span><span class="legend"><span class="key key-shared">shared</span><span class="key key-may">may (dashed)</span></span><span class="actions"><button id="outside-toggle" type="button" hidden></button><button id="export-svg" type="button" hidden title="MemLens: Export Memory Diagram as SVG">Export SVG</button></span></header>
<p id="note" class="note">Waiting for the server…</p>
<div id="graph" class="graph" aria-live="polite"></div>
<script nonce="${nonce}" src="${escapeXml(js.toString())}"></script>
</body>
</html>`;
  }
}
