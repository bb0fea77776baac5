package dev.memlens.intellij;

import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.intellij.platform.lsp.api.LspServerSupportProvider;

/** Starts the project's MemLens server when a Python file opens. Called under a read lock: only an extension check. */
public final class MemLensLspServerSupportProvider implements LspServerSupportProvider {

  @Override
  public void fileOpened(Project project, VirtualFile file, LspServerStarter serverStarter) {
    if (PythonFiles.hasPythonExtension(file.getExtension())) {
      serverStarter.ensureServerStarted(new MemLensLspServerDescriptor(project));
    }
  }
}
