package org.trustpool.bll.cdi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import org.trustpool.vdsbroker.HostAgentTls;

/**
 * Where the engine's host-channel credentials come from: system properties set in the server
 * configuration (the launcher's configure-server.cli), holding paths only, never secrets.
 * <ul>
 * <li>{@value #PKI_DIR}: the directory with the engine CA certificate and the engine's client key
 * store (see HostAgentTls; its password is in a 0600 file there);</li>
 * <li>{@value #INSECURE_PLAIN_HTTP}={@code true}: plain HTTP to agents, for tests that are not about
 * the channel. Anybody on the network could then pose as an agent or drive one.</li>
 * </ul>
 * With neither, agents are not called at all (fail closed), and the reason shows in the audit log.
 */
final class HostChannel {
    static final String PKI_DIR = "trustpool.hostagent.pki.dir";
    static final String INSECURE_PLAIN_HTTP = "trustpool.hostagent.insecurePlainHttp";
    private static final Logger LOG = Logger.getLogger(HostChannel.class.getName());

    private HostChannel() {
    }

    static HostAgentTls tls() {
        if (Boolean.parseBoolean(System.getProperty(INSECURE_PLAIN_HTTP))) {
            LOG.warning("host agents are called over plain HTTP (" + INSECURE_PLAIN_HTTP + "=true): for tests only");
            return HostAgentTls.insecurePlainHttp();
        }
        String dir = System.getProperty(PKI_DIR);
        if (dir == null || dir.isBlank()) {
            return HostAgentTls.unusable("the engine has no host-channel certificate (" + PKI_DIR + " is not set)");
        }
        Path path = Path.of(dir);
        try {
            if (!Files.isDirectory(path)) {
                return HostAgentTls.unusable("the host-channel PKI directory " + path + " does not exist");
            }
            return HostAgentTls.fromDirectory(path);
        } catch (Exception e) {
            LOG.severe("cannot load the host-channel certificate from " + path + ": " + e);
            return HostAgentTls.unusable("the engine's host-channel certificate in " + path + " cannot be loaded: " + e.getMessage());
        }
    }
}
