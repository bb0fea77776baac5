package dev.memlens.lsp;

import java.nio.file.Path;

/**
 * Every editor-feature test again, against the built jar ({@code server/target/memlens.jar}) started as its own
 * process and spoken to over stdio with lsp4j's client side, as VS Code starts it: what ships is what is tested.
 */
class EditorFeaturesIT extends EditorFeaturesTest {

    static final Path JAR = Path.of("target", "memlens.jar").toAbsolutePath();

    @Override
    LspSession newSession() {
        return LspSession.overStdio(JAR);
    }
}
