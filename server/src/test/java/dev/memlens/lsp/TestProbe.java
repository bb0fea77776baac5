package dev.memlens.lsp;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A test-only JSON-RPC service served next to the server: reports the server's copy of a document so that tests
 * can check it stays exact. The digest is over the UTF-16 code units, so lone surrogates count too.
 */
public final class TestProbe {

    private final MemLensServer server;

    TestProbe(MemLensServer server) {
        this.server = server;
    }

    @JsonRequest("memlens/test/documentState")
    public CompletableFuture<JsonObject> documentState(JsonObject params) {
        JsonObject out = new JsonObject();
        OpenDocument document = server.documents.get(params.get("uri").getAsString());
        if (document == null) {
            out.addProperty("open", false);
            return CompletableFuture.completedFuture(out);
        }
        OpenDocument.Snapshot s = document.snapshot();
        out.addProperty("open", true);
        out.addProperty("version", s.version());
        out.addProperty("length", s.text().length());
        out.addProperty("digest", digest(s.text()));
        return CompletableFuture.completedFuture(out);
    }

    static String digest(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] units = new byte[text.length() * 2];
            for (int i = 0; i < text.length(); i++) {
                units[2 * i] = (byte) (text.charAt(i) >> 8);
                units[2 * i + 1] = (byte) text.charAt(i);
            }
            return HexFormat.of().formatHex(md.digest(units));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
