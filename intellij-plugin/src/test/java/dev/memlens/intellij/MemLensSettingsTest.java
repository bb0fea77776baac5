package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MemLensSettingsTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsBecomeANestedTypedMapUnderMemlens() {
    MemLensSettings settings = MemLensSettings.of(MemLensSettings.defaults(), new Properties());
    assertEquals(Boolean.TRUE, settings.section("memlens.inlayHints.enabled"));
    assertEquals(40, settings.section("memlens.inlayHints.maxLength"));
    assertTrue(settings.section("memlens") instanceof Map);
    assertEquals(Map.of("memlens", settings.section("memlens")), settings.all());
  }

  @Test
  void everyDefaultIsAMemlensKey() {
    for (String key : MemLensSettings.defaults().stringPropertyNames()) {
      assertTrue(key.startsWith("memlens."), key);
    }
  }

  @Test
  void systemPropertiesOverrideAndExtendButOnlyUnderMemlens() {
    MemLensSettings settings = MemLensSettings.of(
        props("memlens.inlayHints.enabled", "true", "memlens.hover.enabled", "true"),
        props("memlens.inlayHints.enabled", "FALSE", "memlens.future.mode", "strict", "idea.foo", "1",
            ServerLaunch.JAR_PROPERTY, "/x.jar"));
    assertEquals(Boolean.FALSE, settings.section("memlens.inlayHints.enabled"));
    assertEquals("strict", settings.section("memlens.future.mode"));
    assertNull(settings.section("idea"));
    assertNull(settings.section("memlens.server"), "the launcher's own property is not a server setting");
  }

  @Test
  void sectionsAnswerWorkspaceConfigurationItems() {
    MemLensSettings settings = MemLensSettings.of(props("memlens.a.b", "1", "memlens.a.c", "x"), new Properties());
    assertSame(settings.all(), settings.section(null));
    assertSame(settings.all(), settings.section(""));
    assertEquals(Map.of("b", 1, "c", "x"), settings.section("memlens.a"));
    assertNull(settings.section("python"));
    assertNull(settings.section("memlens.a.b.c"));
  }

  @Test
  void aValueAndAGroupUnderOneNameDoNotCrash() {
    MemLensSettings settings = MemLensSettings.of(props("memlens.a", "1", "memlens.a.b", "2"), new Properties());
    assertEquals(1, settings.section("memlens.a"));
  }

  @Test
  void resultIsImmutable() {
    MemLensSettings settings = MemLensSettings.of(MemLensSettings.defaults(), new Properties());
    @SuppressWarnings("unchecked")
    Map<String, Object> memlens = (Map<String, Object>) settings.section("memlens");
    assertThrows(UnsupportedOperationException.class, () -> memlens.put("x", 1));
    assertFalse(memlens.isEmpty());
  }
}
