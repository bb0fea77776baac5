package dev.memlens.lsp;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The open documents by URI, exactly as the client spells it. */
final class DocumentStore {

    private final ConcurrentMap<String, OpenDocument> documents = new ConcurrentHashMap<>();

    OpenDocument get(String uri) {
        return uri == null ? null : documents.get(uri);
    }

    /** Opens a document, returning the one it replaces (a client that opens twice), or null. */
    OpenDocument open(OpenDocument document) {
        return documents.put(document.uri, document);
    }

    OpenDocument remove(String uri) {
        return uri == null ? null : documents.remove(uri);
    }

    Collection<OpenDocument> all() {
        return documents.values();
    }

    int size() {
        return documents.size();
    }
}
