package com.intellij.platform.lsp.api;

import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;

/** Compile-only stub. The real interface has more members, all with default bodies. */
public interface LspServerSupportProvider {

  void fileOpened(Project project, VirtualFile file, LspServerStarter serverStarter);

  interface LspServerStarter {
    void ensureServerStarted(LspServerDescriptor descriptor);
  }
}
