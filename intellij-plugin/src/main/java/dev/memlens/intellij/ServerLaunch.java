package dev.memlens.intellij;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The command that starts the bundled MemLens server: the IDE's own Java runtime running the jar that ships
 * next to the plugin's lib/ folder, unless a system property or environment variable names another jar.
 * Plain Java on purpose, so tests run exactly the command the IDE would run.
 */
public final class ServerLaunch {

  public static final String JAR_PROPERTY = "memlens.server.jar";
  public static final String JAR_ENVIRONMENT_VARIABLE = "MEMLENS_SERVER_JAR";
  /** Where the build puts the server, relative to the plugin's folder; outside lib/ so its lsp4j stays off the IDE's class path. */
  public static final String BUNDLED_JAR = "server/memlens-server.jar";
  public static final List<String> SERVER_ARGUMENTS = List.of("serve", "--stdio");

  private ServerLaunch() {
  }

  /** Why the server cannot be started; the message is meant for the user. */
  public static final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
      super(message);
    }
  }

  /** The command for the running IDE: its java.home, its system properties and environment, the plugin holding {@code anchor}. */
  public static List<String> forThisIde(Class<?> anchor) throws LaunchException {
    Path jar = resolveServerJar(System::getProperty, System::getenv, pluginDirectoryOf(anchor));
    return command(Path.of(System.getProperty("java.home")), jar, isWindows(System.getProperty("os.name")));
  }

  /** [java, -jar, jar, serve, --stdio], after checking that both files exist. */
  public static List<String> command(Path javaHome, Path serverJar, boolean windows) throws LaunchException {
    Path java = javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
    if (!Files.isRegularFile(java)) {
      throw new LaunchException("MemLens: no Java executable at " + java + " (the IDE's runtime, java.home=" + javaHome + ").");
    }
    if (!Files.isRegularFile(serverJar)) {
      throw new LaunchException("MemLens: the server jar " + serverJar + " does not exist.");
    }
    return List.of(java.toString(), "-jar", serverJar.toString(), SERVER_ARGUMENTS.get(0), SERVER_ARGUMENTS.get(1));
  }

  /**
   * The jar to run: the system property {@value #JAR_PROPERTY}, else the environment variable
   * {@value #JAR_ENVIRONMENT_VARIABLE}, else {@value #BUNDLED_JAR} inside the plugin's folder.
   */
  public static Path resolveServerJar(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
                                      Optional<Path> pluginDirectory) throws LaunchException {
    String property = systemProperties.apply(JAR_PROPERTY);
    if (property != null && !property.isBlank()) {
      return existing(Path.of(property.trim()), "the system property " + JAR_PROPERTY);
    }
    String variable = environment.apply(JAR_ENVIRONMENT_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return existing(Path.of(variable.trim()), "the environment variable " + JAR_ENVIRONMENT_VARIABLE);
    }
    if (pluginDirectory.isEmpty()) {
      throw new LaunchException("MemLens: cannot tell where the plugin is installed, so the bundled server jar is not found. To use a server jar, "
          + overrideHint());
    }
    Path bundled = pluginDirectory.get().resolve(BUNDLED_JAR);
    if (!Files.isRegularFile(bundled)) {
      throw new LaunchException("MemLens: the bundled server jar is missing: " + bundled
          + ". Reinstall the plugin from its zip, or " + overrideHint());
    }
    return bundled;
  }

  private static Path existing(Path jar, String source) throws LaunchException {
    if (!Files.isRegularFile(jar)) {
      throw new LaunchException("MemLens: " + source + " names " + jar + ", which is not a file.");
    }
    return jar;
  }

  private static String overrideHint() {
    return "set the system property " + JAR_PROPERTY + " (Help > Edit Custom VM Options) or the environment variable "
        + JAR_ENVIRONMENT_VARIABLE + " to the path of a memlens.jar.";
  }

  /** The plugin's folder: the parent of the lib/ folder holding the jar {@code anchor} was loaded from. */
  public static Optional<Path> pluginDirectoryOf(Class<?> anchor) {
    URL resource = anchor.getResource(anchor.getSimpleName() + ".class");
    return resource == null ? Optional.empty() : pluginDirectoryOf(resource);
  }

  /** For {@code jar:file:/.../memlens-intellij/lib/x.jar!/dev/...class}, the {@code memlens-intellij} folder. */
  public static Optional<Path> pluginDirectoryOf(URL classResource) {
    String url = classResource.toString();
    if (!url.startsWith("jar:file:")) {
      return Optional.empty();
    }
    int separator = url.indexOf("!/");
    if (separator < 0) {
      return Optional.empty();
    }
    try {
      Path jar = Path.of(new URI(url.substring("jar:".length(), separator)));
      Path lib = jar.getParent();
      return lib == null ? Optional.empty() : Optional.ofNullable(lib.getParent());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isWindows(String osName) {
    return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows");
  }
}
