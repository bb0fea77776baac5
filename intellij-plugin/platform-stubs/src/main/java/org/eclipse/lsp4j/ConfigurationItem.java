package org.eclipse.lsp4j;

/** Compile-only stub of the lsp4j class the IDE's LSP module ships. */
public class ConfigurationItem {

  /** Private: the plugin never creates one, and the stub offers nothing it does not use. */
  private ConfigurationItem() {
  }

  public String getSection() {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
