package dev.memlens.lsp;

import dev.memlens.features.Cancellation;
import dev.memlens.features.CodeActionItem;
import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.Finding;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.util.ArrayList;
import java.util.List;

/** {@code textDocument/codeAction} worked out from an analysis, for a file and for a notebook cell alike. */
final class CodeActionAnswer {

    private CodeActionAnswer() {
    }

    /** The actions the request asks for: at its range, for the diagnostics it sends back, of the kinds it wants. */
    static List<CodeActionItem> items(MemLensServer server, CodeActionParams params, Convert convert,
                                      DocumentAnalysis analysis, Cancellation cancel) {
        Span range = convert.positions().span(params.getRange());
        List<Finding> context = new ArrayList<>();
        List<String> only = null;
        if (params.getContext() != null) {
            only = params.getContext().getOnly();
            if (params.getContext().getDiagnostics() != null) {
                for (Diagnostic d : params.getContext().getDiagnostics()) {
                    if (d != null && d.getRange() != null) {
                        context.add(convert.finding(d));
                    }
                }
            }
        }
        List<CodeActionItem> items = new ArrayList<>();
        for (CodeActionItem item : server.features.codeActions(analysis, range, context, server.settings(),
                cancel)) {
            if (kindWanted(item.kind(), only)) {
                items.add(item);
            }
        }
        return items;
    }

    /** The actions as the client takes them: literals (edits resolved later when it can), or edit commands. */
    static List<Either<Command, CodeAction>> toLsp(List<CodeActionItem> items, Convert convert, ClientSupport client,
                                                   long generation) {
        List<Either<Command, CodeAction>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            CodeActionItem item = items.get(i);
            if (client.codeActionLiterals()) {
                out.add(Either.forRight(convert.codeAction(item, i, generation)));
            } else {
                out.add(Either.forLeft(new Command(item.title(), MemLensServer.APPLY_EDIT_COMMAND,
                        List.of(convert.workspaceEdit(item.edits())))));
            }
        }
        return out;
    }

    private static boolean kindWanted(String kind, List<String> only) {
        if (only == null || only.isEmpty()) {
            return true;
        }
        for (String o : only) {
            if (kind.equals(o) || kind.startsWith(o + ".")) {
                return true;
            }
        }
        return false;
    }
}
