package com.intellij.openapi.vfs;

/** Compile-only stub. */
public abstract class VirtualFile {

  private VirtualFile() {
  }

  public String getExtension() {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
