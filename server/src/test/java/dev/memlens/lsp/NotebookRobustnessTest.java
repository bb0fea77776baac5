package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook messages with missing or wrongly typed parts are skipped; the notebook goes on being served. */
class NotebookRobustnessTest {

    private static final String NB = "file:///tmp/ws/n.ipynb";
    private static final String CELL = "vscode-notebook-cell:/tmp/ws/n.ipynb#A";

    private static JsonArray hints(RawSession c) {
        JsonObject r = c.call("textDocument/inlayHint", "{\"textDocument\":{\"uri\":\"" + CELL + "\"},"
                + "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":99,\"character\":0}}}");
        assertTrue(r.has("result"), r.toString());
        return r.getAsJsonArray("result");
    }

    @Test
    void brokenNotebookMessagesDoNotLoseTheNotebook() {
        try (RawHarness h = new RawHarness()) {
            RawSession c = h.client;
            c.initialize("vscode-initialize.json");
            c.notify("notebookDocument/didOpen", "{\"notebookDocument\":{\"uri\":\"" + NB + "\",\"notebookType\":"
                    + "\"jupyter-notebook\",\"version\":1,\"cells\":[{\"kind\":2,\"document\":\"" + CELL + "\"}]},"
                    + "\"cellTextDocuments\":[{\"uri\":\"" + CELL + "\",\"languageId\":\"python\",\"version\":1,"
                    + "\"text\":\"x = [1]\\ny = x\\n\"}]}");
            int before = hints(c).size();
            assertTrue(before > 0, "y = x gets a hint");

            c.notify("notebookDocument/didOpen", "{}");
            c.notify("notebookDocument/didOpen", "{\"notebookDocument\":{\"uri\":\"file:///x.ipynb\"}}");
            c.notify("notebookDocument/didChange", "{\"notebookDocument\":{\"uri\":\"" + NB + "\",\"version\":2}}");
            c.notify("notebookDocument/didChange", "{\"notebookDocument\":{\"uri\":\"" + NB + "\",\"version\":3},"
                    + "\"change\":{\"cells\":{\"structure\":{\"array\":{\"start\":-4,\"deleteCount\":1000}}}}}");
            c.notify("notebookDocument/didChange", "{\"notebookDocument\":{\"uri\":\"" + NB + "\",\"version\":4},"
                    + "\"change\":{\"cells\":{\"textContent\":[{\"document\":{\"uri\":\"" + CELL + "\"},"
                    + "\"changes\":7}]}}}");
            c.notify("notebookDocument/didClose", "{}");
            c.notify("notebookDocument/didSave", "{}");

            // the array change cleared the cells (clamped, as the client asked); the notebook itself is still open
            JsonObject state = c.documentState(NB);
            assertTrue(state != null && state.has("length"), "the notebook's module is still a document: " + state);
            assertEquals(0, hints(c).size());
            assertTrue(c.garbage.isEmpty(), c.garbage.toString());
        }
    }
}
