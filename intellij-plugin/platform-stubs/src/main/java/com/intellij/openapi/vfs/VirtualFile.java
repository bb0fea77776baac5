package com.intellij.openapi.vfs;

/** Compile-only stub. */
public abstract class VirtualFile {

  /** Private: the plugin never creates one, and the stub offers nothing it does not use. */
  private VirtualFile() {
  }

  public String getExtension() {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
