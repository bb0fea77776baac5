package dev.memlens.intellij;

/** Which files MemLens analyzes. Decided by extension alone: the IDE asks under a read lock. */
public final class PythonFiles {

  /** The languageId MemLens' server expects for both sources and stubs. */
  public static final String LANGUAGE_ID = "python";

  private PythonFiles() {
  }

  public static boolean hasPythonExtension(String extension) {
    return extension != null && (extension.equalsIgnoreCase("py") || extension.equalsIgnoreCase("pyi"));
  }
}
