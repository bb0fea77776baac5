package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.memlens.features.Settings;
import dev.memlens.features.Settings.Hints;
import dev.memlens.features.Settings.LogLevel;
import dev.memlens.features.Settings.RefcountMode;
import dev.memlens.features.Settings.RuleLevel;
import dev.memlens.features.Settings.Rules;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The plugin's settings are the server's: the same keys as the server's settings reader knows, and what the plugin
 * sends reads back, without problems or unknown keys, as the server's own defaults (or the overridden values).
 * Runs the server's (package-private) {@code dev.memlens.lsp.SettingsReader} from the server module on the test class
 * path; a change there that the plugin does not follow fails here.
 */
class SettingsContractTest {

  private static final String READER = "dev.memlens.lsp.SettingsReader";

  /** What SettingsReader.read makes of {@code raw}: settings, problems, unknown keys. */
  record Read(Settings settings, List<?> problems, List<?> unknown) {
  }

  private static Read read(Object raw) throws ReflectiveOperationException {
    Method read = Class.forName(READER).getDeclaredMethod("read", Object.class);
    read.setAccessible(true);
    Object result = read.invoke(null, raw);
    return new Read((Settings) accessor(result, "settings"), (List<?>) accessor(result, "problems"),
        (List<?>) accessor(result, "unknown"));
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    Method m = record.getClass().getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(record);
  }

  private static Read readClean(Object raw) throws ReflectiveOperationException {
    Read read = read(raw);
    assertEquals(List.of(), read.problems(), "the server's problems with what the plugin sends");
    assertEquals(List.of(), read.unknown(), "keys the server does not know");
    return read;
  }

  @Test
  void thePluginSendsExactlyTheKeysTheServerReads() throws ReflectiveOperationException {
    Field known = Class.forName(READER).getDeclaredField("KNOWN");
    known.setAccessible(true);
    Set<String> serverKeys = ((Set<?>) known.get(null)).stream().map(k -> "memlens." + k)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(serverKeys, new TreeSet<>(MemLensSettings.keys()));
  }

  @Test
  void defaultsAreTheServersDefaultsAsInitializationOptionsAndAsConfigurationAnswers()
      throws ReflectiveOperationException {
    MemLensSettings settings = MemLensSettings.of(MemLensSettings.defaults(), new Properties());
    assertEquals(Settings.DEFAULTS, readClean(settings.all()).settings(), "initializationOptions {\"memlens\": ...}");
    assertEquals(Settings.DEFAULTS, readClean(settings.section("memlens")).settings(),
        "workspace/configuration answer for section memlens");
  }

  @Test
  void everyOverrideReachesTheServer() throws ReflectiveOperationException {
    Properties overrides = new Properties();
    overrides.setProperty("memlens.hints.alias", "false");
    overrides.setProperty("memlens.hints.mutation", "FALSE");
    overrides.setProperty("memlens.hints.copyDepth", "false");
    overrides.setProperty("memlens.hints.refcount", "All");
    overrides.setProperty("memlens.hints.identity", "false");
    overrides.setProperty("memlens.rules.select", "MEM1, MEM203");
    overrides.setProperty("memlens.rules.ignore", "MEM101");
    overrides.setProperty("memlens.rules.severity", "MEM2=off,MEM601=information");
    overrides.setProperty("memlens.rules.severity.MEM203", "error");
    overrides.setProperty("memlens.log.level", "debug");
    overrides.setProperty("memlens.analysis.debounceMs", "400");
    overrides.setProperty("memlens.docs.baseUrl", "file:///checkout/docs/rules/{code}.md");
    MemLensSettings settings = MemLensSettings.of(MemLensSettings.defaults(), overrides);
    Settings expected = new Settings(new Hints(false, false, false, RefcountMode.ALL, false),
        new Rules(List.of("MEM1", "MEM203"), List.of("MEM101"),
            Map.of("MEM2", RuleLevel.OFF, "MEM601", RuleLevel.INFORMATION, "MEM203", RuleLevel.ERROR)),
        LogLevel.DEBUG, 400, "file:///checkout/docs/rules/{code}.md");
    assertEquals(expected, readClean(settings.all()).settings());
    assertEquals(expected, readClean(settings.section("memlens")).settings());
  }

  @Test
  void theDocumentedAlternativeSpellingsAreTheServers() throws ReflectiveOperationException {
    Properties overrides = new Properties();
    overrides.setProperty("memlens.hints.refcount", "off");
    overrides.setProperty("memlens.log.level", "warning");
    overrides.setProperty("memlens.rules.severity", "MEM1=warning,MEM2=hint");
    Settings read = readClean(MemLensSettings.of(MemLensSettings.defaults(), overrides).all()).settings();
    assertEquals(RefcountMode.OFF, read.hints().refcount());
    assertEquals(LogLevel.WARNING, read.logLevel());
    assertEquals(Map.of("MEM1", RuleLevel.WARNING, "MEM2", RuleLevel.HINT), read.rules().severity());
  }

  @Test
  void aValueTheServerCannotUseIsReportedByTheServerAndKeepsItsDefault() throws ReflectiveOperationException {
    Properties overrides = new Properties();
    overrides.setProperty("memlens.hints.alias", "maybe");
    Read read = read(MemLensSettings.of(MemLensSettings.defaults(), overrides).all());
    assertEquals(Settings.DEFAULTS, read.settings());
    assertEquals(1, read.problems().size(), String.valueOf(read.problems()));
  }
}
