package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The LSP4IJ "user-defined language server" template says what the native plugin does. */
class Lsp4ijTemplateTest {

  private static final Path TEMPLATE = Path.of("lsp4ij-template");

  private static JsonElement read(String name) throws IOException {
    return JsonParser.parseString(Files.readString(TEMPLATE.resolve(name), StandardCharsets.UTF_8));
  }

  @Test
  void settingsAndInitializationOptionsAreThePluginsDefaults() throws IOException {
    JsonElement defaults = new Gson().toJsonTree(MemLensSettings.of(MemLensSettings.defaults(), new Properties()).all());
    assertEquals(defaults, read("settings.json"), "settings.json (workspace/configuration) differs from default-settings.properties");
    assertEquals(defaults, read("initializationOptions.json"), "initializationOptions.json differs from the plugin's");
  }

  @Test
  void templateStartsTheServerOverStdioForPythonFiles() throws IOException {
    JsonObject template = read("template.json").getAsJsonObject();
    assertEquals("MemLens", template.get("name").getAsString());
    JsonObject programArgs = template.getAsJsonObject("programArgs");
    for (String os : Set.of("default", "windows")) {
      String command = programArgs.get(os).getAsString();
      assertTrue(command.contains(" -jar ") && command.endsWith(String.join(" ", ServerLaunch.SERVER_ARGUMENTS)), command);
    }
    Set<String> patterns = new HashSet<>();
    for (JsonElement mapping : template.getAsJsonArray("fileTypeMappings")) {
      assertEquals(PythonFiles.LANGUAGE_ID, mapping.getAsJsonObject().get("languageId").getAsString());
      JsonArray list = mapping.getAsJsonObject().getAsJsonObject("fileType").getAsJsonArray("patterns");
      list.forEach(p -> patterns.add(p.getAsString()));
    }
    assertEquals(Set.of("*.py", "*.pyi"), patterns);
    JsonObject language = template.getAsJsonArray("languageMappings").get(0).getAsJsonObject();
    assertEquals("Python", language.get("language").getAsString());
    assertEquals(PythonFiles.LANGUAGE_ID, language.get("languageId").getAsString());
  }
}
