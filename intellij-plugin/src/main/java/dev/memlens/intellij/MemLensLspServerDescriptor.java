package dev.memlens.intellij;

import com.intellij.execution.ExecutionException;
import com.intellij.execution.configurations.GeneralCommandLine;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.intellij.platform.lsp.api.ProjectWideLspServerDescriptor;
import java.nio.charset.StandardCharsets;
import org.eclipse.lsp4j.ConfigurationItem;

/** One MemLens server per project, started with the IDE's own Java runtime. */
public final class MemLensLspServerDescriptor extends ProjectWideLspServerDescriptor {

  public static final String PRESENTABLE_NAME = "MemLens";

  private final Project project;

  public MemLensLspServerDescriptor(Project project) {
    super(project, PRESENTABLE_NAME);
    this.project = project;
  }

  @Override
  public boolean isSupportedFile(VirtualFile file) {
    return PythonFiles.hasPythonExtension(file.getExtension());
  }

  @Override
  public GeneralCommandLine createCommandLine() throws ExecutionException {
    try {
      return new GeneralCommandLine(ServerLaunch.forThisIde(MemLensLspServerDescriptor.class))
          .withCharset(StandardCharsets.UTF_8)
          .withWorkDirectory(project.getBasePath());
    } catch (ServerLaunch.LaunchException e) {
      // the IDE shows this message in the Language Services widget
      throw new ExecutionException(e.getMessage());
    }
  }

  /** The default maps .pyi to "pyi"; the server wants "python" for stubs too. */
  @Override
  public String getLanguageId(VirtualFile file) {
    return PythonFiles.LANGUAGE_ID;
  }

  @Override
  public Object createInitializationOptions() {
    return MemLensSettings.current().all();
  }

  @Override
  public Object getWorkspaceConfiguration(ConfigurationItem item) {
    return MemLensSettings.current().section(item.getSection());
  }
}
