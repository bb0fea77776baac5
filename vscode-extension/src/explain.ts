// Read-only Markdown documents for rule explanations, shown with VS Code's
// Markdown preview (no untitled buffer that asks to be saved).

import * as vscode from 'vscode';

export { ruleCodesAt } from './ruleCodes';

export const EXPLAIN_SCHEME = 'memlens-explain';

export function explainUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${code}.md` });
}

export interface ExplainProvider extends vscode.TextDocumentContentProvider {
  set(uri: vscode.Uri, markdown: string): void;
}

export function explainProvider(): ExplainProvider {
  const texts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
    set(uri, markdown) {
      texts.set(uri.toString(), markdown);
      changed.fire(uri);
    },
  };
}
