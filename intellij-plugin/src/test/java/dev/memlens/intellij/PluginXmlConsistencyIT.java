package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** plugin.xml as packaged: known extension points only, and each implementation class really there and of the right type. */
class PluginXmlConsistencyIT {

  private static Document pluginXml;
  private static ClassUniverse classes;
  private static Map<String, String> knownExtensionPoints;

  @BeforeAll
  static void load() throws Exception {
    byte[] xml = PluginArtifacts.pluginJarEntries().get("META-INF/plugin.xml");
    assertNotNull(xml, "no META-INF/plugin.xml in the plugin jar");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    pluginXml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    classes = new ClassUniverse(PluginArtifacts.pluginClasses(), PluginArtifacts.stubClasses());
    knownExtensionPoints = knownExtensionPoints();
  }

  static Map<String, String> knownExtensionPoints() {
    Map<String, String> known = new LinkedHashMap<>();
    try (InputStream in = PluginXmlConsistencyIT.class.getResourceAsStream("/known-extension-points.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] halves = line.split("\\|", 2);
        assertTrue(halves.length == 2 && !halves[1].isBlank(), "no source for: " + line);
        String[] parts = halves[0].trim().split("\\s+");
        assertEquals(2, parts.length, "expected '<ep name> <interface> | <source>': " + line);
        known.put(parts[0], parts[1].replace('.', '/'));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return known;
  }

  private static List<Element> children(Node parent, String tag) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
        result.add(e);
      }
    }
    return result;
  }

  private static String single(String tag) {
    List<Element> elements = children(pluginXml.getDocumentElement(), tag);
    assertEquals(1, elements.size(), "expected exactly one <" + tag + ">");
    return elements.get(0).getTextContent().trim();
  }

  @Test
  void identityAndCompatibility() {
    assertEquals("idea-plugin", pluginXml.getDocumentElement().getTagName());
    assertEquals("dev.memlens", single("id"));
    assertEquals("MemLens", single("name"));
    assertEquals(PluginArtifacts.version(), single("version"), "plugin.xml version is filtered from the pom");
    assertFalse(single("vendor").isEmpty());
    assertTrue(single("description").length() >= 40, "description shorter than 40 characters");
    List<Element> ideaVersion = children(pluginXml.getDocumentElement(), "idea-version");
    assertEquals(1, ideaVersion.size());
    assertEquals("253", ideaVersion.get(0).getAttribute("since-build"));
    Set<String> depends = new TreeSet<>();
    children(pluginXml.getDocumentElement(), "depends").forEach(d -> {
      assertFalse(d.hasAttribute("optional"), "optional dependency " + d.getTextContent());
      depends.add(d.getTextContent().trim());
    });
    assertEquals(Set.of("com.intellij.modules.platform", "com.intellij.modules.lsp"), depends);
    assertTrue(children(pluginXml.getDocumentElement(), "extensionPoints").isEmpty(), "MemLens declares no extension points");
  }

  @Test
  void everyExtensionUsesAKnownExtensionPointWithAValidImplementation() {
    List<Element> extensionBlocks = children(pluginXml.getDocumentElement(), "extensions");
    assertFalse(extensionBlocks.isEmpty(), "no <extensions>");
    int checked = 0;
    for (Element block : extensionBlocks) {
      String namespace = block.getAttribute("defaultExtensionNs");
      assertFalse(namespace.isEmpty(), "<extensions> without defaultExtensionNs");
      for (Element extension : children(block, null)) {
        String point = namespace + "." + extension.getTagName();
        String epInterface = knownExtensionPoints.get(point);
        assertNotNull(epInterface, "unknown extension point " + point + " (see known-extension-points.txt)");
        assertTrue(classes.stubShapes().containsKey(epInterface), "no stub for " + epInterface);

        String implementation = extension.getAttribute("implementation");
        assertFalse(implementation.isEmpty(), point + " without implementation");
        String internal = implementation.replace('.', '/');
        Optional<ClassUniverse.Shape> shape = Optional.ofNullable(classes.pluginShapes().get(internal));
        assertTrue(shape.isPresent(), implementation + " is not in the plugin jar");
        int access = shape.get().access();
        assertTrue((access & Opcodes.ACC_PUBLIC) != 0, implementation + " is not public");
        assertEquals(0, access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE), implementation + " cannot be instantiated");
        assertTrue(shape.get().declared("<init>", "()V", false).filter(m -> (m.access() & Opcodes.ACC_PUBLIC) != 0).isPresent(),
            implementation + " has no public no-argument constructor, which the IDE uses to create extensions");
        assertTrue(classes.isSubtype(internal, epInterface), implementation + " does not implement " + epInterface);
        checked++;
      }
    }
    assertEquals(1, checked, "MemLens registers exactly one extension");
  }

  @Test
  void knownExtensionPointsNameStubbedInterfaces() {
    knownExtensionPoints.forEach((point, type) -> {
      ClassUniverse.Shape shape = classes.stubShapes().get(type);
      assertNotNull(shape, point + ": no stub for " + type);
      assertTrue((shape.access() & Opcodes.ACC_INTERFACE) != 0, point + ": " + type + " is not an interface");
    });
  }
}
