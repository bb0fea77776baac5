package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLaunchTest {

  @TempDir
  Path dir;

  private static UnaryOperator<String> map(Map<String, String> values) {
    return values::get;
  }

  private static final UnaryOperator<String> NONE = key -> null;

  private Path file(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    return file;
  }

  @Test
  void bundledJarSitsInTheServerFolderOfThePlugin() throws Exception {
    Path bundled = file("memlens-intellij/server/memlens-server.jar");
    Path resolved = ServerLaunch.resolveServerJar(NONE, NONE, Optional.of(dir.resolve("memlens-intellij")));
    assertEquals(bundled, resolved);
  }

  @Test
  void systemPropertyWinsOverEnvironmentWhichWinsOverTheBundledJar() throws Exception {
    file("memlens-intellij/server/memlens-server.jar");
    Path fromProperty = file("a/prop.jar");
    Path fromEnvironment = file("b/env.jar");
    Optional<Path> plugin = Optional.of(dir.resolve("memlens-intellij"));

    assertEquals(fromProperty, ServerLaunch.resolveServerJar(
        map(Map.of(ServerLaunch.JAR_PROPERTY, fromProperty.toString())),
        map(Map.of(ServerLaunch.JAR_ENVIRONMENT_VARIABLE, fromEnvironment.toString())), plugin));
    assertEquals(fromEnvironment, ServerLaunch.resolveServerJar(
        map(Map.of(ServerLaunch.JAR_PROPERTY, "  ")),
        map(Map.of(ServerLaunch.JAR_ENVIRONMENT_VARIABLE, fromEnvironment.toString())), plugin));
  }

  @Test
  void missingBundledJarSaysWhereItLookedAndHowToOverride() {
    Path plugin = dir.resolve("memlens-intellij");
    ServerLaunch.LaunchException e = assertThrows(ServerLaunch.LaunchException.class,
        () -> ServerLaunch.resolveServerJar(NONE, NONE, Optional.of(plugin)));
    assertTrue(e.getMessage().contains(plugin.resolve("server/memlens-server.jar").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("memlens.server.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("MEMLENS_SERVER_JAR"), e.getMessage());
  }

  @Test
  void overrideNamingNoFileIsAnErrorNotAFallback() throws Exception {
    file("memlens-intellij/server/memlens-server.jar");
    ServerLaunch.LaunchException e = assertThrows(ServerLaunch.LaunchException.class,
        () -> ServerLaunch.resolveServerJar(NONE, map(Map.of(ServerLaunch.JAR_ENVIRONMENT_VARIABLE, "/no/such.jar")),
            Optional.of(dir.resolve("memlens-intellij"))));
    assertTrue(e.getMessage().contains("MEMLENS_SERVER_JAR") && e.getMessage().contains("such.jar"), e.getMessage());
  }

  @Test
  void unknownPluginFolderStillExplainsTheOverride() {
    ServerLaunch.LaunchException e = assertThrows(ServerLaunch.LaunchException.class,
        () -> ServerLaunch.resolveServerJar(NONE, NONE, Optional.empty()));
    assertTrue(e.getMessage().contains("memlens.server.jar"), e.getMessage());
  }

  @Test
  void commandRunsTheJarWithTheGivenRuntimeOverStdio() throws Exception {
    Path java = file("jdk/bin/java");
    Path jar = file("server.jar");
    assertEquals(List.of(java.toString(), "-jar", jar.toString(), "serve", "--stdio"),
        ServerLaunch.command(dir.resolve("jdk"), jar, false));
    Path javaExe = file("win/bin/java.exe");
    assertEquals(javaExe.toString(), ServerLaunch.command(dir.resolve("win"), jar, true).get(0));
  }

  @Test
  void commandRefusesAMissingRuntimeOrJar() throws Exception {
    Path jar = file("server.jar");
    assertThrows(ServerLaunch.LaunchException.class, () -> ServerLaunch.command(dir.resolve("nojdk"), jar, false));
    file("jdk/bin/java");
    assertThrows(ServerLaunch.LaunchException.class,
        () -> ServerLaunch.command(dir.resolve("jdk"), dir.resolve("none.jar"), false));
  }

  @Test
  void pluginFolderIsTheParentOfLibForAJarLoadedClass() throws Exception {
    URL url = new URL("jar:file:/opt/ide%20plugins/memlens-intellij/lib/memlens-intellij-0.1.0.jar!/dev/memlens/intellij/X.class");
    assertEquals(Optional.of(Path.of("/opt/ide plugins/memlens-intellij")), ServerLaunch.pluginDirectoryOf(url));
    assertEquals(Optional.empty(), ServerLaunch.pluginDirectoryOf(new URL("file:/build/classes/dev/memlens/intellij/X.class")));
  }

  @Test
  void windowsIsRecognizedByOsName() {
    assertTrue(ServerLaunch.isWindows("Windows 11"));
    assertTrue(!ServerLaunch.isWindows("Linux") && !ServerLaunch.isWindows("Mac OS X") && !ServerLaunch.isWindows(null));
  }

  @Test
  void pythonFilesAreSourcesAndStubsOnly() {
    assertTrue(PythonFiles.hasPythonExtension("py") && PythonFiles.hasPythonExtension("pyi")
        && PythonFiles.hasPythonExtension("PY"));
    assertTrue(!PythonFiles.hasPythonExtension("pyc") && !PythonFiles.hasPythonExtension(null)
        && !PythonFiles.hasPythonExtension("ipynb"));
  }
}
