package dev.memlens.intellij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ClientInfo;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionKindCapabilities;
import org.eclipse.lsp4j.CodeActionLiteralSupportCapabilities;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeActionResolveSupportCapabilities;
import org.eclipse.lsp4j.CodeActionTriggerKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintCapabilities;
import org.eclipse.lsp4j.InlayHintLabelPart;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.InlayHintWorkspaceCapabilities;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.SynchronizationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar inside the zip, installed as the IDE would unpack it and started with the plugin's own launch-command
 * code, answers a session shaped like IntelliJ's LSP client (2025.3+): initialize with workspace folders and the
 * IDE's client capabilities (no inlayHint resolveSupport), didOpen with languageId "python", diagnostics (pull when
 * offered, else push), hover, inlay hints over the whole file (labels at most 40 characters, the server's limit, under
 * IntelliJ's default cut at 42), and a codeAction request per diagnostic carrying that diagnostic back. Settings go in
 * as the plugin sends them (initializationOptions and workspace/configuration answers from MemLensSettings, log level
 * debug): the server must pull them and must neither complain about them nor find keys it does not know.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IntelliJSessionIT {

  /** IntelliJ's default LspInlayHintSupport.getMaxInlayHintChars(); longer labels get cut. */
  private static final int INTELLIJ_MAX_INLAY_HINT_CHARS = 42;
  /** The server keeps its labels to 40 characters (dev.memlens.features.Names.MAX_LABEL), under IntelliJ's cut. */
  private static final int SERVER_MAX_LABEL = 40;
  private static final long WAIT_SECONDS = 30;

  @TempDir
  Path temp;

  private Process process;
  private Path serverLog;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** What IntelliJ's client does with server requests, answered by the plugin's own settings code. */
  static final class IdeClient implements LanguageClient {
    final Map<String, List<Diagnostic>> pushed = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<List<Diagnostic>>> firstNonEmptyPush = new ConcurrentHashMap<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> configurationSections = new CopyOnWriteArrayList<>();
    final MemLensSettings settings;
    final List<WorkspaceFolder> folders;

    IdeClient(List<WorkspaceFolder> folders, MemLensSettings settings) {
      this.folders = folders;
      this.settings = settings;
    }

    CompletableFuture<List<Diagnostic>> pushFor(String uri) {
      return firstNonEmptyPush.computeIfAbsent(uri, u -> new CompletableFuture<>());
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
      pushed.put(params.getUri(), params.getDiagnostics());
      if (!params.getDiagnostics().isEmpty()) {
        pushFor(params.getUri()).complete(params.getDiagnostics());
      }
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
      List<Object> answers = new ArrayList<>();
      for (ConfigurationItem item : params.getItems()) {
        configurationSections.add(String.valueOf(item.getSection()));
        answers.add(settings.section(item.getSection()));
      }
      return CompletableFuture.completedFuture(answers);
    }

    @Override
    public CompletableFuture<List<WorkspaceFolder>> workspaceFolders() {
      return CompletableFuture.completedFuture(folders);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshInlayHints() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams params) {
      log.add("showMessage " + params.getType() + ": " + params.getMessage());
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
      log.add("showMessageRequest: " + params.getMessage());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
      log.add("log " + params.getType() + ": " + params.getMessage());
    }
  }

  /** The client capabilities IntelliJ's LspServerDescriptor.clientCapabilities sends, as far as this session uses them. */
  static ClientCapabilities intellijCapabilities() {
    WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
    workspace.setConfiguration(true);
    workspace.setApplyEdit(true);
    workspace.setWorkspaceFolders(true);
    WorkspaceEditCapabilities edit = new WorkspaceEditCapabilities();
    edit.setDocumentChanges(true);
    workspace.setWorkspaceEdit(edit);
    InlayHintWorkspaceCapabilities inlayRefresh = new InlayHintWorkspaceCapabilities();
    inlayRefresh.setRefreshSupport(true);
    workspace.setInlayHint(inlayRefresh);

    TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
    SynchronizationCapabilities sync = new SynchronizationCapabilities();
    sync.setDynamicRegistration(false);
    sync.setWillSave(false);
    sync.setWillSaveWaitUntil(false);
    sync.setDidSave(true);
    text.setSynchronization(sync);
    text.setInlayHint(new InlayHintCapabilities(true)); // no resolveSupport: hints must come complete
    text.setDiagnostic(new DiagnosticCapabilities(true));
    HoverCapabilities hover = new HoverCapabilities();
    hover.setContentFormat(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT));
    text.setHover(hover);
    PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities();
    publish.setVersionSupport(true);
    publish.setDataSupport(true);
    text.setPublishDiagnostics(publish);
    CodeActionCapabilities codeAction = new CodeActionCapabilities();
    CodeActionLiteralSupportCapabilities literals = new CodeActionLiteralSupportCapabilities();
    literals.setCodeActionKind(new CodeActionKindCapabilities(
        List.of(CodeActionKind.QuickFix, CodeActionKind.Empty, CodeActionKind.Source, CodeActionKind.Refactor)));
    codeAction.setCodeActionLiteralSupport(literals);
    codeAction.setDisabledSupport(true);
    codeAction.setDataSupport(true);
    CodeActionResolveSupportCapabilities resolve = new CodeActionResolveSupportCapabilities();
    resolve.setProperties(List.of("edit"));
    codeAction.setResolveSupport(resolve);
    text.setCodeAction(codeAction);

    WindowClientCapabilities window = new WindowClientCapabilities();
    window.setWorkDoneProgress(true);

    ClientCapabilities capabilities = new ClientCapabilities();
    capabilities.setWorkspace(workspace);
    capabilities.setTextDocument(text);
    capabilities.setWindow(window);
    return capabilities;
  }

  /** Unpacks the zip the way "Install Plugin from Disk" does and returns the installed plugin folder. */
  private Path install() throws IOException {
    Path plugins = temp.resolve("config/plugins");
    for (Map.Entry<String, byte[]> entry : PluginArtifacts.zipEntries().entrySet()) {
      Path target = plugins.resolve(entry.getKey()).normalize();
      assertTrue(target.startsWith(plugins));
      if (entry.getKey().endsWith("/")) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.write(target, entry.getValue());
      }
    }
    return plugins.resolve("memlens-intellij");
  }

  private <T> T await(Future<T> future, String what) throws Exception {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(what + ": no answer within " + WAIT_SECONDS + " s" + serverState(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause() + serverState(), e.getCause());
    }
  }

  private String serverState() {
    StringBuilder state = new StringBuilder();
    if (process != null && !process.isAlive()) {
      state.append("\nserver exited with ").append(process.exitValue())
          .append("");
    }
    try {
      if (serverLog != null && Files.exists(serverLog)) {
        String log = Files.readString(serverLog, StandardCharsets.UTF_8);
        state.append("\nserver stderr:\n").append(log.length() > 4000 ? log.substring(log.length() - 4000) : log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state.toString();
  }

  private static int labelLength(InlayHint hint) {
    Either<String, List<InlayHintLabelPart>> label = hint.getLabel();
    if (label.isLeft()) {
      return label.getLeft().length();
    }
    return label.getRight().stream().mapToInt(p -> p.getValue() == null ? 0 : p.getValue().length()).sum();
  }

  @Test
  void bundledServerAnswersAnIntelliJShapedSession() throws Exception {
    Path pluginDir = install();
    Path workspace = Files.createDirectories(temp.resolve("project"));
    Path file = workspace.resolve("aliasing.py");
    String text;
    try (InputStream in = getClass().getResourceAsStream("/session/aliasing.py")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(file, text);

    // the plugin's own launch code: its plugin folder from its class's jar URL, then the bundled jar, then the command
    Path pluginJar = pluginDir.resolve("lib/memlens-intellij-" + PluginArtifacts.version() + ".jar");
    URL classUrl = new URL("jar:" + pluginJar.toUri() + "!/dev/memlens/intellij/MemLensLspServerDescriptor.class");
    Optional<Path> located = ServerLaunch.pluginDirectoryOf(classUrl);
    assertEquals(Optional.of(pluginDir), located);
    Path serverJar = ServerLaunch.resolveServerJar(key -> null, key -> null, located);
    assertEquals(pluginDir.resolve("server/memlens-server.jar"), serverJar);
    List<String> command = ServerLaunch.command(Path.of(System.getProperty("java.home")), serverJar,
        ServerLaunch.isWindows(System.getProperty("os.name")));

    serverLog = temp.resolve("server-stderr.log");
    process = new ProcessBuilder(command).directory(workspace.toFile())
        .redirectError(serverLog.toFile()).start();

    String rootUri = workspace.toUri().toString();
    String uri = file.toUri().toString();
    List<WorkspaceFolder> folders = List.of(new WorkspaceFolder(rootUri, workspace.getFileName().toString()));
    // the plugin's defaults, with -Dmemlens.log.level=debug: the server then also logs keys it does not know
    Properties vmOptions = new Properties();
    vmOptions.setProperty("memlens.log.level", "debug");
    IdeClient client = new IdeClient(folders, MemLensSettings.of(MemLensSettings.defaults(), vmOptions));
    Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();

    InitializeParams init = new InitializeParams();
    init.setProcessId((int) ProcessHandle.current().pid());
    init.setClientInfo(new ClientInfo("IntelliJ IDEA", "253.28294.334"));
    init.setRootUri(rootUri);
    init.setWorkspaceFolders(folders);
    init.setCapabilities(intellijCapabilities());
    init.setInitializationOptions(client.settings.all());
    InitializeResult initialized = await(server.initialize(init), "initialize");
    ServerCapabilities caps = initialized.getCapabilities();
    assertNotNull(caps, "no server capabilities");
    assertNotNull(caps.getTextDocumentSync(), "no textDocumentSync: IntelliJ would send no didOpen/didChange");
    assertNotNull(caps.getHoverProvider(), "no hoverProvider");
    assertNotNull(caps.getInlayHintProvider(), "no inlayHintProvider");
    assertNotNull(caps.getCodeActionProvider(), "no codeActionProvider");
    server.initialized(new InitializedParams());

    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
        new TextDocumentItem(uri, PythonFiles.LANGUAGE_ID, 1, text)));

    // IntelliJ pulls when the server offers textDocument/diagnostic, and otherwise shows what is pushed
    List<Diagnostic> diagnostics = List.of();
    if (caps.getDiagnosticProvider() != null) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (diagnostics.isEmpty() && System.nanoTime() < deadline) {
        DocumentDiagnosticReport report = await(server.getTextDocumentService().diagnostic(
            new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))), "textDocument/diagnostic");
        if (report.isLeft() && report.getLeft().getItems() != null) {
          diagnostics = report.getLeft().getItems();
        }
        if (diagnostics.isEmpty()) {
          Thread.sleep(250);
        }
      }
    } else {
      diagnostics = await(client.pushFor(uri), "publishDiagnostics with a MemLens finding");
    }
    assertFalse(diagnostics.isEmpty(), "no diagnostics for the shallow copy" + serverState());
    diagnostics.forEach(d -> System.out.println("diagnostic " + (d.getCode() == null ? null : d.getCode().get()) + " at " + d.getRange().getStart().getLine() + ":"
        + d.getRange().getStart().getCharacter() + ": "
        + (d.getMessage() == null ? null : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue())));
    for (Diagnostic d : diagnostics) {
      assertNotNull(d.getRange(), "diagnostic without range");
      String message = d.getMessage() == null ? null
          : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
      assertFalse(message == null || message.isBlank(), "diagnostic without message");
    }
    // s[1].append(4) mutates the list that the shallow copy s shares with x (and y)
    assertTrue(diagnostics.stream().anyMatch(d -> d.getCode() != null && "MEM101".equals(String.valueOf(d.getCode().get()))
            && d.getRange().getStart().getLine() == 5),
        "no MEM101 (shallow-copy-shares-nested) on line 6: " + diagnostics);

    // hover over `y` in `y = x`
    Hover hover = await(server.getTextDocumentService().hover(
        new HoverParams(new TextDocumentIdentifier(uri), new Position(3, 0))), "hover");
    assertNotNull(hover, "no hover on y");
    assertNotNull(hover.getContents(), "hover without contents");
    String hoverText = hover.getContents().isRight() ? hover.getContents().getRight().getValue()
        : String.valueOf(hover.getContents().getLeft()); // deprecated MarkedString form: any text will do
    assertFalse(hoverText == null || hoverText.isBlank(), "empty hover on y");
    System.out.println("hover on y:\n" + hoverText);

    // inlay hints over the whole file, complete because IntelliJ does not resolve them
    int lines = text.split("\n", -1).length;
    List<InlayHint> hints = await(server.getTextDocumentService().inlayHint(new InlayHintParams(
        new TextDocumentIdentifier(uri), new Range(new Position(0, 0), new Position(lines, 0)))), "inlayHint");
    assertNotNull(hints, "inlayHint answered null");
    assertFalse(hints.isEmpty(), "no inlay hints (y = x should show the alias)");
    for (InlayHint hint : hints) {
      int length = labelLength(hint);
      System.out.println("inlay hint " + hint.getPosition().getLine() + ":" + hint.getPosition().getCharacter() + " ("
          + length + " chars): " + (hint.getLabel().isLeft() ? hint.getLabel().getLeft()
          : hint.getLabel().getRight().stream().map(InlayHintLabelPart::getValue).collect(Collectors.joining())));
      assertTrue(length > 0, "empty inlay hint label at " + hint.getPosition());
      assertTrue(length <= SERVER_MAX_LABEL && SERVER_MAX_LABEL <= INTELLIJ_MAX_INLAY_HINT_CHARS,
          "inlay hint label of " + length + " characters, over the server's " + SERVER_MAX_LABEL
              + " (IntelliJ cuts at " + INTELLIJ_MAX_INLAY_HINT_CHARS + "): " + hint.getLabel());
      if (hint.getLabel().isRight()) {
        hint.getLabel().getRight().forEach(p -> assertFalse(p.getValue() == null || p.getValue().isEmpty(), "empty label part"));
      }
      assertTrue(hint.getPosition().getLine() < lines, "hint outside the file: " + hint.getPosition());
    }

    // one codeAction request per diagnostic, with the diagnostic (and its data) sent back as IntelliJ does
    int quickFixes = 0;
    boolean resolvable = caps.getCodeActionProvider().isRight()
        && Boolean.TRUE.equals(caps.getCodeActionProvider().getRight().getResolveProvider());
    for (Diagnostic d : diagnostics) {
      CodeActionContext context = new CodeActionContext(List.of(d));
      context.setTriggerKind(CodeActionTriggerKind.Automatic);
      List<Either<Command, CodeAction>> actions = await(server.getTextDocumentService().codeAction(
          new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(), context)), "codeAction for " + d.getCode());
      assertNotNull(actions, "codeAction answered null for " + d.getCode());
      for (Either<Command, CodeAction> action : actions) {
        if (action.isLeft()) {
          continue;
        }
        CodeAction codeAction = action.getRight();
        assertFalse(codeAction.getTitle() == null || codeAction.getTitle().isBlank(), "code action without title");
        if (codeAction.getEdit() == null && resolvable) {
          codeAction = await(server.getTextDocumentService().resolveCodeAction(codeAction), "codeAction/resolve");
        }
        System.out.println("code action for " + d.getCode().get() + ": " + codeAction.getKind() + " '" + codeAction.getTitle() + "'"
            + (codeAction.getEdit() == null ? " (no edit)" : ""));
        if (CodeActionKind.QuickFix.equals(codeAction.getKind()) && codeAction.getEdit() != null) {
          assertTrue(editsFile(codeAction.getEdit(), uri), "quick fix '" + codeAction.getTitle() + "' does not edit the file");
          quickFixes++;
        }
      }
    }
    assertTrue(quickFixes > 0, "no quick fix with an edit for any of " + diagnostics.size() + " diagnostics");

    // the settings: pulled by the server, read without complaint, all keys known, the log level applied
    assertTrue(client.configurationSections.contains("memlens"),
        "the server did not ask for section memlens: " + client.configurationSections);
    List<String> settingsComplaints = client.log.stream()
        .filter(line -> line.contains("settings from") && (line.startsWith("log Warning") || line.contains("not known")))
        .toList();
    assertEquals(List.of(), settingsComplaints, "the server's complaints about the plugin's settings");
    assertTrue(client.log.stream().anyMatch(line -> line.startsWith("log Log: ")),
        "no debug lines in the server's log: memlens.log.level=debug did not reach it; log: " + client.log);

    await(server.shutdown(), "shutdown");
    server.exit();
    assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "server still running after exit" + serverState());
    assertEquals(0, process.exitValue(), "exit code after shutdown + exit" + serverState());
    if (!client.log.isEmpty()) {
      client.log.forEach(line -> System.out.println("server: " + line));
    }
  }

  private static boolean editsFile(WorkspaceEdit edit, String uri) {
    if (edit.getChanges() != null) {
      List<TextEdit> edits = edit.getChanges().get(uri);
      if (edits != null && !edits.isEmpty()) {
        return true;
      }
    }
    if (edit.getDocumentChanges() != null) {
      return edit.getDocumentChanges().stream()
          .anyMatch(c -> c.isLeft() && uri.equals(c.getLeft().getTextDocument().getUri()) && !c.getLeft().getEdits().isEmpty());
    }
    return false;
  }

  @Test
  void theSessionIsDrivenWithThePluginsOwnSettingsAnswers() {
    IdeClient client = new IdeClient(List.of(), MemLensSettings.of(MemLensSettings.defaults(), new Properties()));
    List<Object> answers = client.configuration(new ConfigurationParams(List.of(item("memlens"), item("memlens.hints"),
        item("python")))).join();
    assertEquals(client.settings.section("memlens"), answers.get(0));
    assertTrue(answers.get(1) instanceof Map);
    assertEquals(null, answers.get(2));
    if (answers.size() != 3) {
      fail("one answer per item");
    }
  }

  private static ConfigurationItem item(String section) {
    ConfigurationItem item = new ConfigurationItem();
    item.setSection(section);
    return item;
  }
}
