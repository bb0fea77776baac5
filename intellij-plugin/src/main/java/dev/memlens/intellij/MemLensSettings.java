package dev.memlens.intellij;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code memlens.*} settings handed to the server: the documented defaults, each overridable by a JVM system
 * property of the same name. Values become a nested map ({@code {"memlens": {"inlayHints": {"enabled": true}}}}),
 * which the IDE's lsp4j serializes to JSON as it is.
 */
public final class MemLensSettings {

  public static final String PREFIX = "memlens";
  static final String DEFAULTS_RESOURCE = "default-settings.properties";
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

  private final Map<String, Object> root;

  private MemLensSettings(Map<String, Object> root) {
    this.root = root;
  }

  /** Defaults overlaid with the running JVM's {@code memlens.*} system properties. */
  public static MemLensSettings current() {
    return of(defaults(), System.getProperties());
  }

  public static Properties defaults() {
    Properties defaults = new Properties();
    try (InputStream in = MemLensSettings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
      }
      defaults.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return defaults;
  }

  /** Every {@code memlens.*} key of {@code defaults}, replaced or extended by the {@code memlens.*} keys of {@code overrides}. */
  public static MemLensSettings of(Properties defaults, Properties overrides) {
    Map<String, String> flat = new TreeMap<>();
    copySettings(defaults, flat);
    copySettings(overrides, flat);
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach((key, value) -> put(root, key.split("\\."), typed(value)));
    return new MemLensSettings(frozen(root));
  }

  private static void copySettings(Properties from, Map<String, String> to) {
    for (String key : from.stringPropertyNames()) {
      if (key.startsWith(PREFIX + ".") && !key.equals(ServerLaunch.JAR_PROPERTY) && !key.endsWith(".")
          && !key.contains("..")) {
        to.put(key, from.getProperty(key).trim());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String[] path, Object value) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.length - 1; i++) {
      Object child = node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
      if (!(child instanceof Map)) {
        return; // a plain value already sits where this key wants a group: keep the value
      }
      node = (Map<String, Object>) child;
    }
    if (!(node.get(path[path.length - 1]) instanceof Map)) {
      node.put(path[path.length - 1], value);
    }
  }

  private static Object typed(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.valueOf(value);
    }
    if (INTEGER.matcher(value).matches()) {
      return Integer.valueOf(value);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> frozen(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, v instanceof Map ? frozen((Map<String, Object>) v) : v));
    return Collections.unmodifiableMap(copy);
  }

  /** The whole configuration, {@code {"memlens": {...}}}: what initializationOptions carries. */
  public Map<String, Object> all() {
    return root;
  }

  /**
   * The answer to one workspace/configuration item: the whole configuration for no section, else the value at the
   * dotted section ({@code "memlens"}, {@code "memlens.inlayHints"}, ...), or null for a section MemLens does not know.
   */
  public Object section(String section) {
    if (section == null || section.isBlank()) {
      return root;
    }
    Object node = root;
    for (String part : section.trim().split("\\.")) {
      if (!(node instanceof Map)) {
        return null;
      }
      node = ((Map<?, ?>) node).get(part);
    }
    return node;
  }
}
