// The "partial analysis" status bar item: the server sends
// memlens/analysisStatus when where the analysis of a document was cut
// changes; the item shows, for the active editor's document, which functions
// were analyzed only in part and why, so that missing hints never look like
// "nothing to report".

import * as vscode from 'vscode';
import { AnalysisStatusParams, describePartial, PartialEntry } from './partialAnalysis';

export const ANALYSIS_STATUS = 'memlens/analysisStatus';

export class AnalysisStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, PartialEntry[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('memlens.analysisStatus', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'MemLens analysis status';
    this.item.command = 'memlens.showOutput';
    this.disposables.push(this.item, vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  update(params: AnalysisStatusParams): void {
    if (!params || typeof params.uri !== 'string' || !Array.isArray(params.partial)) {
      return;
    }
    if (params.partial.length === 0) {
      this.byUri.delete(params.uri);
    } else {
      this.byUri.set(params.uri, params.partial);
    }
    this.render();
  }

  /** The server stopped: what it said no longer holds. */
  clear(): void {
    this.byUri.clear();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const shown = uri ? describePartial(this.byUri.get(uri) ?? []) : undefined;
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = new vscode.MarkdownString(shown.tooltip);
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
