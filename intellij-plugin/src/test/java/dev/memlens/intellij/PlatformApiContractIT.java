package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

/**
 * Pins the platform API the plugin uses. Every class and member outside dev.memlens and the JDK that the packaged
 * classes reference must be a line of platform-api.txt naming where its signature was verified, and the compile-only
 * stubs must declare exactly those members with those kinds: a new platform call cannot slip in unchecked.
 */
class PlatformApiContractIT {

  private static final String LIST = "platform-api.txt";

  private static ClassUniverse universe;
  private static PlatformReferences references;
  /** "type ..." and "method ..." keys (without the kind of a type) to their source column. */
  private static Map<String, String> listed;
  /** Internal type name to the kind the list gives it. */
  private static Map<String, String> listedKinds;

  @BeforeAll
  static void load() {
    Map<String, byte[]> pluginClasses = PluginArtifacts.pluginClasses();
    universe = new ClassUniverse(pluginClasses, PluginArtifacts.stubClasses());
    references = PlatformReferences.of(pluginClasses, universe);
    listed = new LinkedHashMap<>();
    listedKinds = new TreeMap<>();
    for (String line : lines()) {
      String[] halves = line.split("\\|", 2);
      assertEquals(2, halves.length, LIST + ": no '| source' in: " + line);
      String[] parts = halves[0].trim().split("\\s+");
      String key;
      if (parts[0].equals("type")) {
        assertEquals(3, parts.length, LIST + ": expected 'type <kind> <internal name>': " + line);
        listedKinds.put(parts[2], parts[1]);
        key = "type " + parts[2];
      } else {
        assertTrue((parts[0].equals("method") || parts[0].equals("field")) && parts.length == 3,
            LIST + ": expected 'method|field <owner> <name><descriptor>': " + line);
        key = String.join(" ", parts);
      }
      assertFalse(listed.containsKey(key), LIST + ": listed twice: " + key);
      listed.put(key, halves[1].trim());
    }
  }

  private static List<String> lines() {
    try (InputStream in = PlatformApiContractIT.class.getResourceAsStream("/" + LIST)) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> referenced() {
    Set<String> keys = new TreeSet<>();
    references.types.forEach(t -> keys.add("type " + t));
    keys.addAll(references.members);
    return keys;
  }

  @Test
  void everyPlatformReferenceOfTheCompiledPluginIsListed() {
    Set<String> unlisted = new TreeSet<>(referenced());
    unlisted.removeAll(listed.keySet());
    assertEquals(Set.of(), unlisted, "platform API used by the plugin but not in " + LIST
        + ": verify each signature against the platform (intellij.md), then add it with its source");
  }

  @Test
  void everyListedEntryIsStillUsed() {
    Set<String> stale = new TreeSet<>(listed.keySet());
    stale.removeAll(referenced());
    assertEquals(Set.of(), stale, "listed in " + LIST + " but no longer referenced: remove it and its stub");
  }

  /** The header's "#   KEY = description" abbreviations for sources, each naming a dump or a source file itself. */
  private static Set<String> sourceAbbreviations() {
    Set<String> keys = new TreeSet<>();
    try (InputStream in = PlatformApiContractIT.class.getResourceAsStream("/" + LIST)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = Pattern.compile("^#\\s+([A-Z]+)\\s+=\\s+(.*)$").matcher(line);
        if (m.matches() && names(m.group(2))) {
          keys.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static boolean names(String source) {
    return source.contains("api-dump") || source.contains(".kt") || source.contains(".java") || source.contains("javap");
  }

  @Test
  void everyEntryNamesWhereItsSignatureWasVerified() {
    Set<String> abbreviations = sourceAbbreviations();
    assertTrue(abbreviations.containsAll(Set.of("DUMP", "LSD", "LSSP")), abbreviations.toString());
    listed.forEach((key, source) -> assertTrue(names(source) || abbreviations.stream().anyMatch(a -> source.startsWith(a + ":")),
        key + ": the source column must name an api-dump, a source file or a javap of the real jar, not: " + source));
  }

  @Test
  void theReferencesAreFoundAtAll() {
    // guards the scanner itself: these are used for certain
    assertTrue(references.types.contains("com/intellij/platform/lsp/api/LspServerSupportProvider"));
    assertTrue(references.members.contains("method com/intellij/platform/lsp/api/LspServerSupportProvider fileOpened"
        + "(Lcom/intellij/openapi/project/Project;Lcom/intellij/openapi/vfs/VirtualFile;"
        + "Lcom/intellij/platform/lsp/api/LspServerSupportProvider$LspServerStarter;)V"), references.members.toString());
    assertTrue(references.members.stream().noneMatch(m -> m.contains(" java/") || m.contains(" dev/memlens/")),
        references.members.toString());
  }

  private static String kind(int access) {
    if ((access & Opcodes.ACC_INTERFACE) != 0) {
      return "interface";
    }
    if ((access & Opcodes.ACC_ABSTRACT) != 0) {
      return "abstract-class";
    }
    return (access & Opcodes.ACC_FINAL) != 0 ? "final-class" : "class";
  }

  @Test
  void stubsDeclareExactlyTheListedTypesAndMembersWithTheirKinds() {
    Map<String, String> stubKinds = new TreeMap<>();
    Set<String> stubMembers = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    universe.stubShapes().forEach((name, shape) -> {
      stubKinds.put(name, kind(shape.access()));
      for (ClassUniverse.Member member : shape.members()) {
        boolean synthetic = (member.access() & Opcodes.ACC_SYNTHETIC) != 0;
        boolean hiddenConstructor = member.name().equals("<init>")
            && (member.access() & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0;
        if (synthetic || hiddenConstructor) {
          continue;
        }
        if ((member.access() & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0) {
          problems.add("stub member not reachable from the plugin: " + PlatformReferences.memberLine(member));
        }
        stubMembers.add(PlatformReferences.memberLine(member));
      }
    });
    assertEquals(listedKinds, stubKinds, "stub classes and their kinds (interface, abstract-class, class, final-class) vs " + LIST);
    Set<String> listedMembers = new TreeSet<>();
    listed.keySet().stream().filter(k -> !k.startsWith("type ")).forEach(listedMembers::add);
    assertEquals(listedMembers, stubMembers, "members the stubs declare vs " + LIST);
    assertEquals(List.of(), problems);
  }
}
