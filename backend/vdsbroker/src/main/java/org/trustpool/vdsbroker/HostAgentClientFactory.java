package org.trustpool.vdsbroker;

import java.net.http.HttpClient;
import java.time.Duration;

/** Makes clients for hosts; one shared HttpClient, so connections are pooled across calls. */
public class HostAgentClientFactory {
    private final HttpClient httpClient;
    private final Duration requestTimeout;

    public HostAgentClientFactory(Duration connectTimeout, Duration requestTimeout) {
        this.httpClient = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    public HostAgentClient forHost(String hostName, int port) {
        return new JsonRpcHostAgentClient(httpClient, endpointOf(hostName, port), requestTimeout);
    }

    public static String endpointOf(String hostName, int port) {
        String host = hostName.contains(":") && !hostName.startsWith("[") ? "[" + hostName + "]" : hostName;
        return "http://" + host + ":" + port + "/jsonrpc";
    }
}
