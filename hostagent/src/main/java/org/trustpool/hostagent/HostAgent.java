package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

/**
 * The agent's RPC surface for one {@link SimulatedHost}: validates params, calls the host
 * and renders results with the exact wire names the engine expects.
 */
public final class HostAgent {

    public static final String AGENT_VERSION = "trustpool-hostagent 0.1";
    static final int MAX_VM_NAME = 255;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SimulatedHost host;
    /** Made on first use: with TLS each host has its own client (its own certificate), and most never migrate. */
    private final java.util.function.Supplier<JsonRpcClient> peers;
    private final boolean allowTamperControl;
    private final long delayQuoteMs;
    /** What a reboot measures (Host.heal); the default platform unless the simulator says otherwise. */
    private MeasuredBoot.Platform platform = SimulatorOptions.defaultPlatform();
    /** Rendered once: the AIK never changes while the host runs. */
    private final String aikPublicPem;

    public HostAgent(SimulatedHost host, JsonRpcClient peers) {
        this(host, peers, false, 0);
    }

    /**
     * @param allowTamperControl register Host.tamper (a test/demo control; off in production so
     *                           nobody can change a host's measurements over the network)
     * @param delayQuoteMs       answer Host.getQuote only after this long (lets tests provoke a timeout)
     */
    public HostAgent(SimulatedHost host, JsonRpcClient peers, boolean allowTamperControl, long delayQuoteMs) {
        this(host, () -> peers, allowTamperControl, delayQuoteMs);
    }

    public HostAgent(SimulatedHost host, java.util.function.Supplier<JsonRpcClient> peers, boolean allowTamperControl, long delayQuoteMs) {
        this.host = host;
        this.peers = peers;
        this.allowTamperControl = allowTamperControl;
        this.delayQuoteMs = delayQuoteMs;
        this.aikPublicPem = Pem.publicKey(host.tpm().aikPublic());
    }

    public void registerOn(JsonRpcDispatcher dispatcher) {
        dispatcher.register("Host.getCapabilities", params -> capabilities());
        dispatcher.register("Host.getStats", params -> stats());
        dispatcher.register("Host.getVMList", params -> vmList());
        dispatcher.register("VM.create", this::createVm);
        dispatcher.register("VM.destroy", this::destroyVm);
        dispatcher.register("VM.migrate", this::migrateVm);
        // Self-proving (AIK-signed over the verifier's nonce), so the attestation service needs no engine certificate.
        dispatcher.registerUnauthenticated("Host.getQuote", this::quote);
        if (allowTamperControl) {
            // Not registered at all otherwise, so callers get the standard -32601.
            dispatcher.register("Host.tamper", this::tamper);
            dispatcher.register("Host.heal", this::heal);
        }
    }

    /**
     * Answers an attestation challenge. Everything the verifier needs is in the signed quote
     * except the PCR values (it recomputes their digest) and the AIK (which it must NOT take
     * from here: it checks against the key registered for this host; we include the PEM only
     * so an operator can see which key the host uses).
     */
    private JsonNode quote(Params params) throws JsonRpcException {
        byte[] nonce = params.hexBytes("nonce", SoftwareTpm.MIN_NONCE_BYTES, SoftwareTpm.MAX_NONCE_BYTES);
        SortedSet<Integer> pcrs = params.distinctInts("pcrs", 0, SoftwareTpm.PCR_COUNT - 1);
        if (delayQuoteMs > 0) {
            try {
                Thread.sleep(delayQuoteMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "interrupted");
            }
        }
        Tpm.Quote quote;
        try {
            quote = host.tpm().quote(nonce, pcrs);
        } catch (TpmException e) {
            throw tpmFailure("Host.getQuote", e);
        }
        ObjectNode result = NODES.objectNode();
        result.put("quote", Base64.getEncoder().encodeToString(quote.attest()));
        result.put("signature", Base64.getEncoder().encodeToString(quote.signature()));
        ObjectNode values = result.putObject("pcrValues");
        for (Map.Entry<Integer, byte[]> e : quote.pcrValues().entrySet()) {
            values.put(String.valueOf(e.getKey()), HexFormat.of().formatHex(e.getValue()));
        }
        result.put("hashAlg", "sha256");
        result.put("aikPublicPem", aikPublicPem);
        return result;
    }

    /** Extends a PCR as a runtime event would (say, loading a kernel module). */
    private JsonNode tamper(Params params) throws JsonRpcException {
        int pcr = params.intInRange("pcr", 0, SoftwareTpm.PCR_COUNT - 1);
        byte[] digest = params.hexBytes("digest", SoftwareTpm.DIGEST_SIZE, SoftwareTpm.DIGEST_SIZE);
        byte[] value;
        try {
            value = host.tpm().extend(pcr, digest);
        } catch (TpmException e) {
            throw tpmFailure("Host.tamper", e);
        }
        Log.info(host.name() + ": PCR " + pcr + " extended through Host.tamper");
        ObjectNode result = NODES.objectNode();
        result.put("pcr", pcr);
        result.put("value", HexFormat.of().formatHex(value));
        return result;
    }

    /** The platform whose good boot Host.heal measures. */
    public HostAgent measuring(MeasuredBoot.Platform platform) {
        this.platform = platform;
        return this;
    }

    /**
     * A reboot into the good boot chain, as an administrator's reinstall would do: the PCRs reset and the
     * platform's genuine components measured again. The host's running VMs are not touched (a simulator's
     * shortcut; the engine has moved the ones that need trust by then).
     */
    private JsonNode heal(Params params) throws JsonRpcException {
        Tpm tpm = host.tpm();
        byte[] pcr19;
        try {
            synchronized (tpm) {
                tpm.restart();
                MeasuredBoot.boot(tpm, platform, false);
                pcr19 = tpm.pcr(19);
            }
        } catch (TpmException e) {
            throw tpmFailure("Host.heal", e);
        }
        Log.info(host.name() + ": rebooted with its good boot chain through Host.heal");
        ObjectNode result = NODES.objectNode();
        result.put("pcr19", HexFormat.of().formatHex(pcr19));
        return result;
    }

    /** The TPM (swtpm, a tool) failed: logged in full here, and the caller learns it was the TPM. */
    private JsonRpcException tpmFailure(String method, TpmException e) {
        Log.info(host.name() + ": " + method + ": TPM failure: " + e.getMessage());
        return new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "TPM failure on " + host.name() + " (see the agent's log)");
    }

    private JsonNode capabilities() {
        HostCapacity capacity = host.capacity();
        ObjectNode caps = NODES.objectNode();
        caps.put("hostId", host.id().toString());
        caps.put("hostName", host.name());
        caps.put("cpuCores", capacity.cpuCores());
        caps.put("cpuModel", capacity.cpuModel());
        caps.put("memMb", capacity.memMb());
        caps.put("agentVersion", AGENT_VERSION);
        return caps;
    }

    private JsonNode stats() {
        HostStats stats = host.stats();
        ObjectNode node = NODES.objectNode();
        node.put("memFreeMb", stats.memFreeMb());
        node.put("memUsedMb", stats.memUsedMb());
        node.put("cpuUsagePercent", stats.cpuUsagePercent());
        node.put("vmCount", stats.vmCount());
        return node;
    }

    private JsonNode vmList() {
        ArrayNode list = NODES.arrayNode();
        host.vms().forEach(vm -> list.add(toJson(vm)));
        ObjectNode result = NODES.objectNode();
        result.set("vms", list);
        return result;
    }

    private JsonNode createVm(Params params) throws JsonRpcException {
        UUID vmId = params.uuid("vmId");
        String name = params.text("name", MAX_VM_NAME);
        int memMb = params.positiveInt("memMb");
        int cpus = params.positiveInt("cpus");
        // Validated for type only: in the simulator an incoming VM simply starts Up.
        params.optionalBoolean("incomingMigration", false);
        try {
            return toJson(host.createVm(vmId, name, memMb, cpus));
        } catch (AgentException e) {
            throw JsonRpcException.of(e);
        }
    }

    private JsonNode destroyVm(Params params) throws JsonRpcException {
        UUID vmId = params.uuid("vmId");
        try {
            Vm vm = host.destroyVm(vmId);
            return vmStatus(vm.vmId(), vm.status());
        } catch (AgentException e) {
            throw JsonRpcException.of(e);
        }
    }

    /** Source-driven migration: we ask the destination agent to create the VM, then drop ours. */
    private JsonNode migrateVm(Params params) throws JsonRpcException {
        UUID vmId = params.uuid("vmId");
        URI destination = params.httpUrl("destination");
        Vm vm;
        try {
            vm = host.beginMigration(vmId);
        } catch (AgentException e) {
            throw JsonRpcException.of(e);
        }
        boolean moved = false;
        try {
            peers.get().call(destination, "VM.create", incomingVm(vm));
            moved = true;
        } catch (JsonRpcException e) {
            throw migrationFailed(destination, "destination refused: " + e.getMessage());
        } catch (IOException e) {
            throw migrationFailed(destination, "destination unreachable: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw migrationFailed(destination, "interrupted");
        } finally {
            if (moved) {
                host.finishMigration(vmId);
            } else {
                host.abortMigration(vmId);
            }
        }
        ObjectNode result = vmStatus(vmId, VmStatus.MIGRATED);
        result.put("destination", destination.toString());
        return result;
    }

    private static ObjectNode incomingVm(Vm vm) {
        ObjectNode params = NODES.objectNode();
        params.put("vmId", vm.vmId().toString());
        params.put("name", vm.name());
        params.put("memMb", vm.memMb());
        params.put("cpus", vm.cpus());
        params.put("incomingMigration", true);
        return params;
    }

    private JsonRpcException migrationFailed(URI destination, String detail) {
        return JsonRpcException.of(new AgentException(AgentError.MIGRATION_FAILED,
                "to " + destination + " from " + host.name() + ": " + detail));
    }

    /** Many java.net exceptions carry no message; the class name is then the useful part. */
    private static String describe(IOException e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    private static ObjectNode vmStatus(UUID vmId, VmStatus status) {
        ObjectNode node = NODES.objectNode();
        node.put("vmId", vmId.toString());
        node.put("status", status.wireName());
        return node;
    }

    static ObjectNode toJson(Vm vm) {
        ObjectNode node = NODES.objectNode();
        node.put("vmId", vm.vmId().toString());
        node.put("name", vm.name());
        node.put("memMb", vm.memMb());
        node.put("cpus", vm.cpus());
        node.put("status", vm.status().wireName());
        return node;
    }
}
