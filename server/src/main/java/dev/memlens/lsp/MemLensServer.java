package dev.memlens.lsp;

import dev.memlens.features.DocumentAnalysis;
import dev.memlens.features.Features;
import dev.memlens.features.Finding;
import dev.memlens.features.Settings;
import dev.memlens.syntax.DeepStack;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintRegistrationOptions;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MemLens language server: lifecycle, capability negotiation, settings, and the wiring of documents, analysis
 * and features. Protocol methods run on lsp4j's reader thread and never block it: analysis and feature work run on
 * their own threads.
 */
public final class MemLensServer implements LanguageServer, LanguageClientAware {

    static final String APPLY_EDIT_COMMAND = "memlens.applyEdit";
    /** {@code workspace/executeCommand} with a rule code (or name): the rule's Markdown explanation. */
    static final String EXPLAIN_RULE_COMMAND = "memlens.explainRule";
    static final String DIAGNOSTIC_IDENTIFIER = "memlens";

    private enum State { CREATED, INITIALIZED, SHUTDOWN, EXITED }

    final ServerLog log;
    final DocumentStore documents = new DocumentStore();
    final Features features;
    final AnalysisScheduler scheduler;
    final Requests requests;
    final RecentAnalyses recent;
    private final ServerConfig config;
    private final ScheduledThreadPoolExecutor analysisExecutor;
    private final ExecutorService requestExecutor;
    private final TextDocuments textDocuments;
    final NotebookDocuments notebooks;
    private final Workspace workspace;
    private final AtomicLong settingsGeneration = new AtomicLong();
    private volatile State state = State.CREATED;
    private volatile ClientSupport client = ClientSupport.MINIMAL;
    private volatile Settings settings = Settings.DEFAULTS;
    private volatile LanguageClient remote;

    public MemLensServer(ServerConfig config) {
        this.config = config;
        this.log = new ServerLog(config.stderr());
        this.features = new Features(config.registry(), log);
        this.analysisExecutor = new ScheduledThreadPoolExecutor(config.workers(), daemon("memlens-analysis"));
        this.analysisExecutor.setRemoveOnCancelPolicy(true);
        this.requestExecutor = Executors.newFixedThreadPool(2, daemon("memlens-request"));
        this.recent = new RecentAnalyses(config.retainedAnalyses());
        this.scheduler = new AnalysisScheduler(analysisExecutor, config.analyzer(), features::unfilteredDiagnostics,
                recent, log, this::analyzed);
        this.requests = new Requests(log, requestExecutor, recent);
        this.textDocuments = new TextDocuments(this);
        this.notebooks = new NotebookDocuments(this);
        this.workspace = new Workspace(this);
    }

    @Override
    public void connect(LanguageClient client) {
        this.remote = client;
        log.connect(client);
    }

    LanguageClient client() {
        return remote;
    }

    ClientSupport clientSupport() {
        return client;
    }

    Settings settings() {
        return settings;
    }

    long settingsGeneration() {
        return settingsGeneration.get();
    }

    /** Requests before initialize or after shutdown get the errors the specification asks for. */
    void checkServing(String method) {
        State s = state;
        if (s == State.CREATED) {
            throw Requests.error(ResponseErrorCode.ServerNotInitialized, method + " before initialize");
        }
        if (s != State.INITIALIZED) {
            throw Requests.error(ResponseErrorCode.InvalidRequest, method + " after shutdown");
        }
    }

    /**
     * What a request gets instead of being served, whatever its method (unknown ones included): before initialize
     * ServerNotInitialized, after shutdown InvalidRequest; null while serving.
     */
    org.eclipse.lsp4j.jsonrpc.messages.ResponseError refusal(String method) {
        State s = state;
        if (s == State.CREATED && !"initialize".equals(method)) {
            return new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(ResponseErrorCode.ServerNotInitialized,
                    method + " before initialize", null);
        }
        if (s == State.SHUTDOWN || s == State.EXITED) {
            return new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(ResponseErrorCode.InvalidRequest,
                    method + " after shutdown", null);
        }
        return null;
    }

    boolean serving() {
        return state == State.INITIALIZED;
    }

    boolean shutdownRequested() {
        return state == State.SHUTDOWN || state == State.EXITED;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (state != State.CREATED) {
            return CompletableFuture.failedFuture(
                    Requests.error(ResponseErrorCode.InvalidRequest, "initialize was already called"));
        }
        client = ClientSupport.from(params == null ? null : params.getCapabilities());
        if (params != null && params.getInitializationOptions() != null
                && SettingsReader.hasSettings(params.getInitializationOptions())) {
            applySettings(params.getInitializationOptions(), "initializationOptions", false);
        }
        state = State.INITIALIZED;
        String clientName = params != null && params.getClientInfo() != null ? params.getClientInfo().getName()
                : "an unnamed client";
        log.info("memlens " + version() + " serving " + clientName + " (positions " + client.encodingName()
                + ", diagnostics " + (client.pullDiagnostics() ? "pulled" : "pushed") + ")");
        return CompletableFuture.completedFuture(new InitializeResult(capabilities(client),
                new ServerInfo("memlens", version())));
    }

    static ServerCapabilities capabilities(ClientSupport client) {
        ServerCapabilities caps = new ServerCapabilities();
        caps.setPositionEncoding(client.encodingName());
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        caps.setTextDocumentSync(sync);
        caps.setNotebookDocumentSync(NotebookDocuments.syncOptions());
        caps.setHoverProvider(true);
        InlayHintRegistrationOptions inlay = new InlayHintRegistrationOptions();
        inlay.setResolveProvider(client.resolvesHintTooltips() || client.resolvesHintLocations());
        caps.setInlayHintProvider(inlay);
        if (client.codeActionLiterals()) {
            CodeActionOptions actions = new CodeActionOptions(List.of(CodeActionKind.QuickFix,
                    CodeActionKind.RefactorRewrite, dev.memlens.features.RuleCodeActions.FIX_ALL));
            actions.setResolveProvider(client.resolvesActionEdits());
            caps.setCodeActionProvider(actions);
            caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(EXPLAIN_RULE_COMMAND)));
        } else {
            caps.setCodeActionProvider(true);
            caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(APPLY_EDIT_COMMAND,
                    EXPLAIN_RULE_COMMAND)));
        }
        if (client.pullDiagnostics()) {
            DiagnosticRegistrationOptions diagnostics = new DiagnosticRegistrationOptions(false, false);
            diagnostics.setIdentifier(DIAGNOSTIC_IDENTIFIER);
            caps.setDiagnosticProvider(diagnostics);
        }
        return caps;
    }

    @Override
    public void initialized(InitializedParams params) {
        if (state != State.INITIALIZED) {
            return;
        }
        ClientSupport c = client;
        LanguageClient r = remote;
        if (r == null) {
            return;
        }
        if (c.configurationRegistration()) {
            Registration registration = new Registration("memlens-configuration",
                    "workspace/didChangeConfiguration", Map.of("section", "memlens"));
            r.registerCapability(new RegistrationParams(List.of(registration))).exceptionally(e -> {
                log.debug("client refused the configuration registration: " + Requests.unwrap(e));
                return null;
            });
        }
        if (c.watchedFilesRegistration()) {
            Registration watch = new Registration("memlens-pyproject", "workspace/didChangeWatchedFiles",
                    new org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions(List.of(
                            new org.eclipse.lsp4j.FileSystemWatcher(
                                    org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft("**/" + dev.memlens.rules.config.ConfigFinder.FILE_NAME)))));
            r.registerCapability(new RegistrationParams(List.of(watch))).exceptionally(e -> {
                log.debug("client refused the pyproject.toml watcher: " + Requests.unwrap(e));
                return null;
            });
        }
        pullSettings();
    }

    /** {@code memlens.pythonVersion}: the analyzer's target; when it changes, the open files are analyzed again. */
    private void applyPythonVersion(Object raw, String origin, boolean refresh) {
        List<String> problems = new java.util.ArrayList<>();
        dev.memlens.syntax.PythonVersion wanted = SettingsReader.pythonVersion(raw, problems);
        problems.forEach(p -> log.warn("settings from " + origin + ": " + p));
        if (config.analyzer() instanceof dev.memlens.features.StandardAnalyzer sa
                && !java.util.Objects.equals(sa.editorTarget(), wanted)) {
            sa.setEditorTarget(wanted);
            log.info("Python version: " + (wanted == null ? "each file's pyproject.toml, else the newest" : wanted));
            if (refresh) {
                for (OpenDocument document : documents.all()) {
                    scheduler.schedule(document, document.renew(), 0);
                }
            }
        }
    }

    /**
     * A pyproject.toml changed: every open document is analyzed again with what it now says (as a new generation,
     * so requests wait for it), then diagnostics are published or the client is asked to pull them again.
     */
    void projectFilesChanged() {
        config.analyzer().projectFilesChanged();
        log.info("pyproject.toml changed: analyzing the open files again");
        for (OpenDocument document : documents.all()) {
            scheduler.schedule(document, document.renew(), 0);
        }
        LanguageClient r = remote;
        if (r != null && client.pullDiagnostics() && client.diagnosticRefresh()) {
            r.refreshDiagnostics();
        }
    }

    /** Asks the client for {@code memlens.*} when it can answer; otherwise settings come only when pushed. */
    void pullSettings() {
        LanguageClient r = remote;
        if (r == null || !client.configurationPull() || !serving()) {
            return;
        }
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("memlens");
        r.configuration(new ConfigurationParams(List.of(item))).whenComplete((values, error) -> {
            if (error != null) {
                log.warn("workspace/configuration failed: " + Requests.unwrap(error));
            } else if (values != null && !values.isEmpty()) {
                applySettings(values.get(0), "workspace/configuration", true);
            }
        });
    }

    /**
     * Replaces the settings with those read from {@code raw}; when they differ, hints and diagnostics are refreshed.
     */
    void applySettings(Object raw, String origin, boolean refresh) {
        applyPythonVersion(raw, origin, refresh);
        SettingsReader.Result read = SettingsReader.read(raw);
        if (!read.problems().isEmpty()) {
            log.warn("settings from " + origin + ": " + String.join("; ", read.problems()));
        }
        if (!read.unknown().isEmpty()) {
            log.debug("settings from " + origin + " not known, ignored: " + String.join(", ", read.unknown()));
        }
        Settings next = read.settings();
        Settings previous;
        synchronized (this) {
            previous = settings;
            if (next.equals(previous)) {
                return;
            }
            settings = next;
            settingsGeneration.incrementAndGet();
        }
        log.setLevel(next.logLevel());
        log.debug("settings from " + origin + ": " + next);
        if (refresh) {
            refreshAfterSettings(previous, next);
        }
    }

    private void refreshAfterSettings(Settings previous, Settings next) {
        LanguageClient r = remote;
        ClientSupport c = client;
        if (r == null || !serving()) {
            return;
        }
        // the documentation link is part of each diagnostic (codeDescription), so a new base changes them too
        if (!previous.rules().equals(next.rules()) || !previous.docsBaseUrl().equals(next.docsBaseUrl())) {
            if (c.pullDiagnostics()) {
                if (c.diagnosticRefresh()) {
                    r.refreshDiagnostics();
                }
                requestExecutor.execute(notebooks::republish); // a notebook's diagnostics are pushed all the same
            } else {
                requestExecutor.execute(this::republishAll);
            }
        }
        if ((!previous.hints().equals(next.hints()) || previous.profile() != next.profile()) && c.inlayHintRefresh()) {
            r.refreshInlayHints();
        }
    }

    /** From the summaries: re-rating diagnostics for new settings needs no analysis. */
    private void republishAll() {
        for (OpenDocument document : documents.all()) {
            AnalysisSummary summary = document.currentSummary();
            if (summary != null) {
                publish(document, summary, true);
            }
        }
    }

    /** Called on the analysis thread when an analysis completed while still current. */
    private void analyzed(OpenDocument document, AnalysisSummary summary) {
        Notebook notebook = notebooks.of(document);
        if (notebook != null) {
            notebooks.cells.analyzed(notebook, summary);
            return;
        }
        if (!client.pullDiagnostics()) {
            publish(document, summary, false);
        }
        reportStatus(document, summary);
    }

    /** Logs a partial analysis and tells the client when the partial parts changed ({@link AnalysisStatus}). */
    private void reportStatus(OpenDocument document, AnalysisSummary summary) {
        if (!summary.partials().isEmpty()) {
            log.info(AnalysisStatus.describe(document.uri, summary.version(), summary.partials()));
        }
        synchronized (document) {
            if (summary.partials().equals(document.lastStatus)) {
                return;
            }
            document.lastStatus = summary.partials();
        }
        LanguageClient r = remote;
        if (r instanceof MemLensClient memlens && serving()) {
            memlens.analysisStatus(AnalysisStatus.params(document.uri, summary.version(), summary.partials()));
        }
    }

    private void publish(OpenDocument document, AnalysisSummary summary, boolean force) {
        Notebook notebook = notebooks.of(document);
        if (notebook != null) {
            notebooks.cells.publish(notebook, summary, force);
            return;
        }
        LanguageClient r = remote;
        if (r == null || !serving() || document.snapshot().generation() != summary.generation()) {
            return;
        }
        long settingsGen = settingsGeneration.get();
        List<Finding> findings = features.diagnostics(summary.unfilteredDiagnostics(), settings);
        Convert convert = converter(document, summary.version(), summary.lines());
        List<org.eclipse.lsp4j.Diagnostic> diagnostics = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            diagnostics.add(convert.diagnostic(f));
        }
        synchronized (document) {
            if (document.claimPublication(summary.generation(), settingsGen, force)) {
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(document.uri, diagnostics);
                if (client.diagnosticVersion()) {
                    params.setVersion(summary.version());
                }
                r.publishDiagnostics(params);
            }
        }
    }

    void publishEmpty(String uri) {
        LanguageClient r = remote;
        if (r != null && serving() && !client.pullDiagnostics()) {
            r.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }

    Convert converter(OpenDocument document, int version, dev.memlens.syntax.LineMap lines) {
        ClientSupport c = client;
        return new Convert(document.uri, version, new Positions(lines, c.encoding()), c,
                other -> {
                    OpenDocument o = documents.get(other);
                    AnalysisSummary s = o == null ? null : o.currentSummary();
                    return s == null ? null : new Positions(s.lines(), c.encoding());
                });
    }

    /**
     * {@code memlens/objectGraph}: the abstract heap before the statement at a position (vscode-extension/
     * OBJECT_GRAPH.md); null while the document has no analysis.
     */
    @org.eclipse.lsp4j.jsonrpc.services.JsonRequest("memlens/objectGraph")
    public CompletableFuture<com.google.gson.JsonObject> objectGraph(com.google.gson.JsonObject params) {
        String method = "memlens/objectGraph";
        try {
            checkServing(method);
            String uri = params == null || !params.has("textDocument") ? null
                    : params.getAsJsonObject("textDocument").get("uri").getAsString();
            com.google.gson.JsonObject position = params == null ? null : params.getAsJsonObject("position");
            if (uri == null || position == null) {
                throw Requests.error(ResponseErrorCode.InvalidParams, method + " needs textDocument.uri and position");
            }
            org.eclipse.lsp4j.Position pos = new org.eclipse.lsp4j.Position(position.get("line").getAsInt(),
                    position.get("character").getAsInt());
            OpenDocument document = documents.get(uri);
            return requests.run(method, document, null, (doc, analysis, generation, cancel) -> {
                Convert convert = converter(doc, analysis.version(), analysis.lines());
                int offset = convert.positions().offset(new org.eclipse.lsp4j.Position(pos.getLine(), 0));
                dev.memlens.features.ObjectGraph graph = dev.memlens.features.ObjectGraph.at(analysis, offset);
                return graph == null ? null : Convert.objectGraph(graph);
            });
        } catch (org.eclipse.lsp4j.jsonrpc.ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            log.warn(method + " failed: " + e);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        if (state == State.CREATED) {
            return CompletableFuture.failedFuture(
                    Requests.error(ResponseErrorCode.ServerNotInitialized, "shutdown before initialize"));
        }
        state = State.SHUTDOWN;
        for (OpenDocument document : documents.all()) {
            document.close();
        }
        log.info("shutting down");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        int code = shutdownRequested() ? 0 : 1;
        state = State.EXITED;
        for (OpenDocument document : documents.all()) {
            document.close();
        }
        analysisExecutor.shutdownNow();
        requestExecutor.shutdownNow();
        config.exit().accept(code);
    }

    @Override
    public void setTrace(SetTraceParams params) {
        // the trace of messages is the client's business; our own log level comes from memlens.log.level
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public org.eclipse.lsp4j.services.NotebookDocumentService getNotebookDocumentService() {
        return notebooks;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    static String version() {
        String v = MemLensServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, name + "-" + count.incrementAndGet(), DeepStack.STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }
}
