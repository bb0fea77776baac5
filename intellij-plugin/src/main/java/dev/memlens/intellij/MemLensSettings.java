package dev.memlens.intellij;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The {@code memlens.*} settings handed to the server: exactly the keys the server reads (its {@code SettingsReader}),
 * with the server's defaults from {@value #DEFAULTS_RESOURCE}, each overridable by a JVM system property of the same
 * name. Values become a nested map in the shapes the server expects
 * ({@code {"memlens": {"hints": {"alias": true, "refcount": "aliased", ...}, "rules": {"select": [], ...}, ...}}}),
 * which the IDE's lsp4j serializes to JSON as it is. {@code memlens.*} properties that are not server settings are
 * not sent.
 */
public final class MemLensSettings {

  public static final String PREFIX = "memlens";
  static final String DEFAULTS_RESOURCE = "default-settings.properties";
  /** {@code memlens.rules.severity}: a map of rule code (or prefix) to level. */
  static final String SEVERITY = "memlens.rules.severity";
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

  /** How a property's text becomes the JSON value the server reads. */
  enum Kind {
    /** true / false (any case); anything else is passed on as text, which the server reports and ignores. */
    BOOLEAN,
    /** one of a few lower-case words. */
    CHOICE,
    /** a list of rule codes or prefixes, written comma-separated: {@code MEM1,MEM203}. */
    CODES,
    /**
     * code to level, written {@code MEM101=error,MEM2=off} as {@value #SEVERITY}, or one code per property:
     * {@code memlens.rules.severity.MEM101=error}.
     */
    SEVERITIES,
    /** a whole number. */
    INTEGER,
    /** text as it is. */
    STRING
  }

  /** One server setting: its full key and kind. */
  record Setting(String key, Kind kind) {
  }

  /** The server's settings, in the order of its {@code Settings} record. */
  static final List<Setting> SETTINGS = List.of(
      new Setting("memlens.hints.alias", Kind.BOOLEAN),
      new Setting("memlens.hints.mutation", Kind.BOOLEAN),
      new Setting("memlens.hints.copyDepth", Kind.BOOLEAN),
      new Setting("memlens.hints.refcount", Kind.CHOICE),
      new Setting("memlens.hints.identity", Kind.BOOLEAN),
      new Setting("memlens.rules.select", Kind.CODES),
      new Setting("memlens.rules.ignore", Kind.CODES),
      new Setting(SEVERITY, Kind.SEVERITIES),
      new Setting("memlens.log.level", Kind.CHOICE),
      new Setting("memlens.analysis.debounceMs", Kind.INTEGER),
      new Setting("memlens.docs.baseUrl", Kind.STRING),
      new Setting("memlens.profile", Kind.CHOICE),
      new Setting("memlens.pythonVersion", Kind.STRING));

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

  /** The full keys of the server settings, {@code memlens.hints.alias} ... */
  static List<String> keys() {
    return SETTINGS.stream().map(Setting::key).toList();
  }

  /**
   * Every server setting from {@code defaults}, replaced by the same key in {@code overrides}; per-code
   * {@code memlens.rules.severity.CODE} keys of either add to (and win over) the severity map. Other keys are ignored.
   */
  public static MemLensSettings of(Properties defaults, Properties overrides) {
    Map<String, Object> memlens = new LinkedHashMap<>();
    for (Setting setting : SETTINGS) {
      String text = overrides.getProperty(setting.key(), defaults.getProperty(setting.key()));
      Object value;
      if (setting.kind() == Kind.SEVERITIES) {
        Map<String, Object> levels = severities(text);
        levels.putAll(perCodeSeverities(defaults));
        levels.putAll(perCodeSeverities(overrides));
        value = Collections.unmodifiableMap(levels);
      } else if (text == null) {
        continue; // neither a default nor an override: the server's default applies
      } else {
        value = typed(setting.kind(), text.trim());
      }
      put(memlens, setting.key().substring(PREFIX.length() + 1).split("\\."), value);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(PREFIX, frozen(memlens));
    return new MemLensSettings(Collections.unmodifiableMap(root));
  }

  private static Object typed(Kind kind, String text) {
    switch (kind) {
      case BOOLEAN:
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        return text;
      case CHOICE:
        return text.toLowerCase(Locale.ROOT);
      case CODES:
        return List.copyOf(codes(text));
      case INTEGER:
        return INTEGER.matcher(text).matches() ? Integer.valueOf(text) : text;
      default:
        return text;
    }
  }

  private static List<String> codes(String text) {
    List<String> codes = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        codes.add(part.trim());
      }
    }
    return codes;
  }

  /** {@code MEM101=error, MEM2=off}; an entry without {@code =} is passed with an empty level for the server to report. */
  private static Map<String, Object> severities(String text) {
    Map<String, Object> levels = new LinkedHashMap<>();
    if (text == null) {
      return levels;
    }
    for (String entry : codes(text)) {
      int eq = entry.indexOf('=');
      String code = (eq < 0 ? entry : entry.substring(0, eq)).trim();
      if (!code.isEmpty()) {
        levels.put(code, eq < 0 ? "" : entry.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
      }
    }
    return levels;
  }

  private static Map<String, Object> perCodeSeverities(Properties from) {
    Map<String, Object> levels = new LinkedHashMap<>();
    String prefix = SEVERITY + ".";
    for (String key : from.stringPropertyNames()) {
      String code = key.startsWith(prefix) ? key.substring(prefix.length()).trim() : "";
      if (!code.isEmpty() && !code.contains(".")) {
        levels.put(code, from.getProperty(key).trim().toLowerCase(Locale.ROOT));
      }
    }
    return levels;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String[] path, Object value) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(path[path.length - 1], value);
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
   * dotted section ({@code "memlens"}, {@code "memlens.hints"}, ...), or null for a section MemLens does not know.
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
