package com.intellij.platform.lsp.api;

import com.intellij.openapi.project.Project;

/** Compile-only stub. */
public abstract class ProjectWideLspServerDescriptor extends LspServerDescriptor {

  public ProjectWideLspServerDescriptor(Project project, String presentableName) {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
