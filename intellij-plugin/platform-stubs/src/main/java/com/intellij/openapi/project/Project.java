package com.intellij.openapi.project;

/** Compile-only stub. */
public interface Project {

  String getBasePath();
}
