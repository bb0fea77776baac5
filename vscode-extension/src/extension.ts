// The MemLens VS Code client: finds Java, starts the bundled server jar over
// stdio, forwards settings, and adds the commands, the status bar item and
// the memory diagram. All analysis happens in the server.

import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { DiagramPanel } from './diagramPanel';
import { explainProvider, EXPLAIN_SCHEME, explainUri, ruleCodesAt } from './explain';
import { MemLensServer } from './server';
import { AnalysisStatusItem } from './analysisStatus';

export const OUTPUT_NAME = 'MemLens';

let server: MemLensServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(OUTPUT_NAME);
  output.appendLine(`[client ${new Date().toISOString().slice(11, 23)}] activating`);
  server = new MemLensServer(context, output);
  const diagram = new DiagramPanel(context, server, output);
  const explain = explainProvider();
  const analysisStatus = new AnalysisStatusItem();

  context.subscriptions.push(
    output,
    server,
    diagram,
    analysisStatus,
    server.onAnalysisStatus((p) => (p ? analysisStatus.update(p) : analysisStatus.clear())),
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explain),
    vscode.commands.registerCommand('memlens.restartServer', () => server?.restart()),
    vscode.commands.registerCommand('memlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('memlens.showMemoryDiagram', () => diagram.show()),
    vscode.commands.registerCommand('memlens.exportMemoryDiagram', (target?: vscode.Uri) => diagram.exportSvg(target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand('memlens.explainRuleAtCursor', async () => {
      const editor = vscode.window.activeTextEditor;
      const codes = editor ? ruleCodesAt(vscode.languages.getDiagnostics(editor.document.uri), editor.selection.active) : [];
      let code: string | undefined;
      if (codes.length === 1) {
        code = codes[0];
      } else if (codes.length > 1) {
        code = await vscode.window.showQuickPick(codes, { placeHolder: 'Which MemLens rule?' });
      } else {
        code = await vscode.window.showInputBox({
          prompt: 'No MemLens diagnostic at the cursor. Rule code to explain:',
          placeHolder: 'MEM101',
          validateInput: (v) => (/^[A-Za-z]+[0-9]+$/.test(v.trim()) ? undefined : 'A rule code such as MEM101'),
        });
      }
      if (!code) {
        return;
      }
      code = code.trim().toUpperCase();
      const client = server?.client;
      if (!client || !server?.isReady) {
        void vscode.window.showWarningMessage('The MemLens server is not running; see MemLens: Show Output.');
        return;
      }
      let result: unknown;
      try {
        result = await client.sendRequest(ExecuteCommandRequest.type, { command: 'memlens.explainRule', arguments: [code] });
      } catch (e) {
        output.appendLine(`[client] memlens.explainRule ${code} failed: ${e instanceof Error ? e.message : String(e)}`);
        void vscode.window.showWarningMessage(`MemLens could not explain ${code}; see MemLens: Show Output.`);
        return;
      }
      const markdown = markdownOf(result);
      if (!markdown) {
        void vscode.window.showInformationMessage(`MemLens has no explanation for ${code}.`);
        return;
      }
      const uri = explainUri(code);
      explain.set(uri, markdown);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    }),
  );

  await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

/** The server answers with Markdown text, or with `{ markdown }` / MarkupContent `{ value }`. */
function markdownOf(result: unknown): string | undefined {
  if (typeof result === 'string') {
    return result;
  }
  if (result && typeof result === 'object') {
    const r = result as Record<string, unknown>;
    for (const key of ['markdown', 'value', 'contents']) {
      if (typeof r[key] === 'string') {
        return r[key] as string;
      }
    }
  }
  return undefined;
}
