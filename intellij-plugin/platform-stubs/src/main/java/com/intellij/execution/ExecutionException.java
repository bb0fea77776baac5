package com.intellij.execution;

/** Compile-only stub. */
public class ExecutionException extends Exception {

  public ExecutionException(String message) {
    super(message);
  }
}
