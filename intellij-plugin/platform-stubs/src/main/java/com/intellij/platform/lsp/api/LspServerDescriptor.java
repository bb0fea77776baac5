package com.intellij.platform.lsp.api;

import com.intellij.execution.ExecutionException;
import com.intellij.execution.configurations.GeneralCommandLine;
import com.intellij.openapi.vfs.VirtualFile;
import org.eclipse.lsp4j.ConfigurationItem;

/**
 * Compile-only stub. Since 2026.1 these members are declared on the new superclass
 * LspClientDescriptor; calls and overrides resolve the same way on the JVM.
 */
public abstract class LspServerDescriptor {

  /**
   * The real constructor is protected (Project, String, VirtualFile...); the plugin reaches it only through
   * ProjectWideLspServerDescriptor, so the stub keeps it package-private to stay out of the plugin's reach.
   */
  LspServerDescriptor() {
  }

  public abstract boolean isSupportedFile(VirtualFile file);

  public GeneralCommandLine createCommandLine() throws ExecutionException {
    throw new UnsupportedOperationException("compile-only stub");
  }

  public String getLanguageId(VirtualFile file) {
    throw new UnsupportedOperationException("compile-only stub");
  }

  public Object createInitializationOptions() {
    throw new UnsupportedOperationException("compile-only stub");
  }

  public Object getWorkspaceConfiguration(ConfigurationItem item) {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
