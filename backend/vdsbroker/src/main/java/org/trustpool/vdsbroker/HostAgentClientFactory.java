package org.trustpool.vdsbroker;

import java.net.http.HttpClient;

/**
 * Makes clients for hosts. One HttpClient per engine: connections to each agent are kept alive
 * and reused across calls (HTTP/1.1 keep-alive), and TLS sessions with them resumed, instead of a
 * new connection and handshake per call.
 */
public class HostAgentClientFactory {
    private final HttpClient httpClient;
    private final AgentCallLimits limits;
    private final HostAgentTls tls;

    public HostAgentClientFactory(AgentCallLimits limits, HostAgentTls tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // An agent must not send the engine elsewhere.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls.secure()) {
            builder.sslContext(tls.sslContext()).sslParameters(tls.sslParameters());
        }
        this.httpClient = builder.build();
        this.limits = limits;
        this.tls = tls;
    }

    public HostAgentClient forHost(String hostName, int port) {
        return new JsonRpcHostAgentClient(httpClient, endpointOf(tls.scheme(), hostName, port), limits, tls.problem());
    }

    public boolean secure() {
        return tls.secure();
    }

    /** The endpoint of an agent, as the engine and other agents (migration) reach it. */
    public String endpointOf(String hostName, int port) {
        return endpointOf(tls.scheme(), hostName, port);
    }

    static String endpointOf(String scheme, String hostName, int port) {
        String host = hostName.contains(":") && !hostName.startsWith("[") ? "[" + hostName + "]" : hostName;
        return scheme + "://" + host + ":" + port + "/jsonrpc";
    }
}
