package com.intellij.execution.configurations;

import java.nio.charset.Charset;
import java.util.List;

/** Compile-only stub. */
public class GeneralCommandLine {

  public GeneralCommandLine(List<String> command) {
    throw new UnsupportedOperationException("compile-only stub");
  }

  public GeneralCommandLine withWorkDirectory(String path) {
    throw new UnsupportedOperationException("compile-only stub");
  }

  public GeneralCommandLine withCharset(Charset charset) {
    throw new UnsupportedOperationException("compile-only stub");
  }
}
