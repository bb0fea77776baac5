package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MemLensSettingsTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static MemLensSettings withDefaults(String... overrides) {
    return MemLensSettings.of(MemLensSettings.defaults(), props(overrides));
  }

  @Test
  void defaultsBecomeANestedMapInTheServersShapes() {
    MemLensSettings settings = withDefaults();
    assertEquals(Boolean.TRUE, settings.section("memlens.hints.alias"));
    assertEquals(Boolean.TRUE, settings.section("memlens.hints.copyDepth"));
    assertEquals("aliased", settings.section("memlens.hints.refcount"));
    assertEquals(List.of(), settings.section("memlens.rules.select"));
    assertEquals(List.of(), settings.section("memlens.rules.ignore"));
    assertEquals(Map.of(), settings.section("memlens.rules.severity"));
    assertEquals("info", settings.section("memlens.log.level"));
    assertEquals(150, settings.section("memlens.analysis.debounceMs"));
    assertEquals("", settings.section("memlens.docs.baseUrl"));
    assertTrue(settings.section("memlens") instanceof Map);
    assertEquals(Map.of("memlens", settings.section("memlens")), settings.all());
  }

  @Test
  void theDefaultsFileHoldsExactlyTheServerSettings() {
    assertEquals(new TreeSet<>(MemLensSettings.keys()), new TreeSet<>(MemLensSettings.defaults().stringPropertyNames()));
  }

  @Test
  void everySettingIsSentEvenWhenItsDefaultIsEmpty() {
    Map<String, Object> flat = new LinkedHashMap<>();
    flatten("memlens", withDefaults().section("memlens"), flat);
    assertEquals(new TreeSet<>(MemLensSettings.keys()), new TreeSet<>(flat.keySet()));
  }

  private static void flatten(String prefix, Object node, Map<String, Object> out) {
    if (node instanceof Map<?, ?> map && !prefix.equals(MemLensSettings.SEVERITY)) {
      map.forEach((k, v) -> flatten(prefix + "." + k, v, out));
    } else {
      out.put(prefix, node);
    }
  }

  @Test
  void systemPropertiesOverrideServerSettingsOnly() {
    MemLensSettings settings = withDefaults("memlens.hints.alias", "FALSE", "memlens.hints.refcount", "All",
        "memlens.inlayHints.enabled", "false", "memlens.future.mode", "strict", "idea.foo", "1",
        ServerLaunch.JAR_PROPERTY, "/x.jar", "memlens.plugin.zip", "/y.zip");
    assertEquals(Boolean.FALSE, settings.section("memlens.hints.alias"));
    assertEquals("all", settings.section("memlens.hints.refcount"));
    assertNull(settings.section("memlens.inlayHints"), "a setting the server does not read is not sent");
    assertNull(settings.section("memlens.future"));
    assertNull(settings.section("idea"));
    assertNull(settings.section("memlens.server"), "the launcher's own property is not a server setting");
    assertNull(settings.section("memlens.plugin"));
  }

  @Test
  void ruleCodesAreCommaSeparatedLists() {
    MemLensSettings settings = withDefaults("memlens.rules.select", " MEM1, MEM203 ,,", "memlens.rules.ignore", "MEM101");
    assertEquals(List.of("MEM1", "MEM203"), settings.section("memlens.rules.select"));
    assertEquals(List.of("MEM101"), settings.section("memlens.rules.ignore"));
  }

  @Test
  void severitiesComeAsPairsOrOneCodePerProperty() {
    MemLensSettings settings = withDefaults("memlens.rules.severity", "MEM101=Error, MEM2 = off",
        "memlens.rules.severity.MEM203", "hint", "memlens.rules.severity.MEM2", "warning",
        "memlens.rules.severity.", "error", "memlens.rules.severity.a.b", "error");
    assertEquals(Map.of("MEM101", "error", "MEM2", "warning", "MEM203", "hint"),
        settings.section("memlens.rules.severity"), "a per-code property wins over the pair list");
  }

  @Test
  void numbersAndBooleansAreTypedAndNonsenseIsLeftForTheServerToReport() {
    MemLensSettings settings = withDefaults("memlens.analysis.debounceMs", " 400 ", "memlens.hints.identity", "maybe",
        "memlens.log.level", "DEBUG");
    assertEquals(400, settings.section("memlens.analysis.debounceMs"));
    assertEquals("maybe", settings.section("memlens.hints.identity"));
    assertEquals("debug", settings.section("memlens.log.level"));
    assertEquals("soon", withDefaults("memlens.analysis.debounceMs", "soon").section("memlens.analysis.debounceMs"));
  }

  @Test
  void aSettingWithoutDefaultOrOverrideIsLeftToTheServer() {
    MemLensSettings settings = MemLensSettings.of(props("memlens.hints.alias", "false"), new Properties());
    assertEquals(Map.of("hints", Map.of("alias", false), "rules", Map.of("severity", Map.of())),
        settings.section("memlens"));
  }

  @Test
  void sectionsAnswerWorkspaceConfigurationItems() {
    MemLensSettings settings = withDefaults();
    assertSame(settings.all(), settings.section(null));
    assertSame(settings.all(), settings.section(""));
    assertEquals(Map.of("level", "info"), settings.section("memlens.log"));
    assertTrue(settings.section("memlens.hints") instanceof Map);
    assertNull(settings.section("python"));
    assertNull(settings.section("memlens.hints.alias.x"));
  }

  @Test
  void resultIsImmutable() {
    MemLensSettings settings = withDefaults();
    @SuppressWarnings("unchecked")
    Map<String, Object> memlens = (Map<String, Object>) settings.section("memlens");
    assertThrows(UnsupportedOperationException.class, () -> memlens.put("x", 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> severity = (Map<String, Object>) settings.section("memlens.rules.severity");
    assertThrows(UnsupportedOperationException.class, () -> severity.put("MEM1", "off"));
    @SuppressWarnings("unchecked")
    List<Object> select = (List<Object>) settings.section("memlens.rules.select");
    assertThrows(UnsupportedOperationException.class, () -> select.add("MEM1"));
    assertFalse(memlens.isEmpty());
  }
}
