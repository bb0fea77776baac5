package dev.memlens.intellij;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** The built plugin zip and what is inside it, for the tests that run after package. */
final class PluginArtifacts {

  static final String TOP = "memlens-intellij/";

  private PluginArtifacts() {
  }

  static String version() {
    return System.getProperty("memlens.plugin.version", "0.1.0");
  }

  static Path zip() {
    String configured = System.getProperty("memlens.plugin.zip");
    Path zip = configured != null ? Path.of(configured) : Path.of("target", "memlens-intellij-" + version() + ".zip");
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("no plugin zip at " + zip.toAbsolutePath() + ": run mvn verify (it is built in package)");
    }
    return zip;
  }

  static String pluginJarEntryName() {
    return TOP + "lib/memlens-intellij-" + version() + ".jar";
  }

  /** Every entry of the zip with its bytes (directories map to empty arrays). */
  static Map<String, byte[]> zipEntries() {
    try (ZipFile zip = new ZipFile(zip().toFile())) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      for (ZipEntry entry : Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a jar held as bytes. */
  static Map<String, byte[]> jarEntries(byte[] jar) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static Map<String, byte[]> pluginJarEntries() {
    byte[] jar = zipEntries().get(pluginJarEntryName());
    if (jar == null) {
      throw new IllegalStateException("the zip has no " + pluginJarEntryName());
    }
    return jarEntries(jar);
  }

  /** The compiled plugin classes, internal name to bytes, as packaged. */
  static Map<String, byte[]> pluginClasses() {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    pluginJarEntries().forEach((name, bytes) -> {
      if (name.endsWith(".class")) {
        classes.put(name.substring(0, name.length() - ".class".length()), bytes);
      }
    });
    return classes;
  }

  /** The compile-only stub classes, internal name to bytes, read from wherever the build put the stubs module. */
  static Map<String, byte[]> stubClasses() {
    URL anchor = PluginArtifacts.class.getClassLoader().getResource("com/intellij/platform/lsp/api/LspServerSupportProvider.class");
    if (anchor == null) {
      throw new IllegalStateException("the platform stubs are not on the test class path");
    }
    try {
      Map<String, byte[]> classes = new LinkedHashMap<>();
      if (anchor.getProtocol().equals("jar")) {
        String path = anchor.getPath();
        Path jar = Path.of(new URL(path.substring(0, path.indexOf("!/"))).toURI());
        jarEntries(Files.readAllBytes(jar)).forEach((name, bytes) -> {
          if (name.endsWith(".class")) {
            classes.put(name.substring(0, name.length() - 6), bytes);
          }
        });
      } else {
        Path file = Path.of(anchor.toURI());
        Path root = file;
        for (int i = 0; i < "com/intellij/platform/lsp/api/LspServerSupportProvider.class".split("/").length; i++) {
          root = root.getParent();
        }
        Path base = root;
        try (Stream<Path> walk = Files.walk(base)) {
          for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
            String name = base.relativize(p).toString().replace('\\', '/');
            classes.put(name.substring(0, name.length() - 6), Files.readAllBytes(p));
          }
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
