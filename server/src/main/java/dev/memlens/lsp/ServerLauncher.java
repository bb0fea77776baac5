package dev.memlens.lsp;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethodProvider;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** lsp4j's launcher with the server's own reader ({@link GuardedMessageReader}) in place of lsp4j's. */
final class ServerLauncher extends Launcher.Builder<MemLensClient> {

    private final ServerLog log;
    private final Function<String, ResponseError> gate;
    private MessageJsonHandler jsonHandler;
    private RemoteEndpoint endpoint;

    ServerLauncher(ServerLog log, Function<String, ResponseError> gate) {
        this.log = log;
        this.gate = gate;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
        jsonHandler = handler;
        endpoint = super.createRemoteEndpoint(handler);
        return endpoint;
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer lsp4jReader,
                                                                MessageConsumer consumer, MemLensClient remoteProxy) {
        return new ConcurrentMessageProcessor(new GuardedMessageReader(input, jsonHandler, endpoint, localMethods(),
                gate, log), consumer);
    }

    /** The methods this side serves (the launcher's list also holds the client's, which the server only calls). */
    private Map<String, JsonRpcMethod> localMethods() {
        Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
        for (Object service : localServices) {
            if (service instanceof JsonRpcMethodProvider provider) {
                methods.putAll(provider.supportedMethods());
            } else {
                methods.putAll(ServiceEndpoints.getSupportedMethods(service.getClass()));
            }
        }
        return methods;
    }
}
