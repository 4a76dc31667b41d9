package org.trustpool.hostagent;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One swtpm instance owned by this agent: a child process (not {@code --daemon}, so it ends with us)
 * on Unix sockets inside its own 0700 state directory, so no other local user (and nothing on the
 * network) can send commands to this host's TPM. Besides starting it, this class speaks the two
 * things no tpm2-tools program can: swtpm's control channel (the platform's side: TPM reset, the
 * DRTM hash sequence, the locality) and a TPM command at the launched environment's locality 2,
 * which is how the measured launch extends PCR 17-22 and which a tool at locality 0 is refused
 * ("bad locality").
 */
final class SwtpmProcess implements AutoCloseable {
    /** How long one answer on swtpm's sockets may take (a TPM command takes milliseconds; key creation a few seconds). */
    private static final java.time.Duration SOCKET_TIMEOUT = java.time.Duration.ofSeconds(60);

    static final String SOCKET = "swtpm.sock";
    /** The swtpm TCTI looks for the control channel next to the data socket, under this name. */
    static final String CONTROL_SOCKET = SOCKET + ".ctrl";
    static final String PID_FILE = "swtpm.pid";
    static final String LOG_FILE = "swtpm.log";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    // swtpm's control channel commands (swtpm's tpm_ioctl.h, CMD_*)
    static final int CMD_INIT = 2;
    static final int CMD_SET_LOCALITY = 5;
    static final int CMD_HASH_START = 6;
    static final int CMD_HASH_DATA = 7;
    static final int CMD_HASH_END = 8;
    /** ptm_hdata's buffer: 4096 bytes including its length field. */
    static final int MAX_HASH_CHUNK = 4096 - 4;

    /** The locality the launched environment (tboot) runs at; see {@link #extendAsLaunchedEnvironment}. */
    static final byte MLE_LOCALITY = 2;
    static final int TPM_ST_SESSIONS = 0x8002;
    static final int TPM_CC_PCR_EXTEND = 0x00000182;
    static final int TPM_RS_PW = 0x40000009;

    private final Process process;
    private final Path stateDir;

    private SwtpmProcess(Process process, Path stateDir) {
        this.process = process;
        this.stateDir = stateDir;
    }

    /**
     * Starts swtpm on an already manufactured state directory; a swtpm left running on it by an
     * agent that was killed is stopped first (it would hold the state's lock).
     */
    static SwtpmProcess start(Path stateDir) throws IOException {
        Path dir = PrivateDir.create(stateDir);
        stopLeftover(dir);
        Files.deleteIfExists(dir.resolve(SOCKET));
        Files.deleteIfExists(dir.resolve(CONTROL_SOCKET));
        List<String> command = List.of("swtpm", "socket", "--tpm2",
                // an absolute path: relative state dirs put libtpms into failure mode
                "--tpmstate", "dir=" + dir,
                "--server", "type=unixio,path=" + dir.resolve(SOCKET),
                "--ctrl", "type=unixio,path=" + dir.resolve(CONTROL_SOCKET),
                "--flags", "not-need-init,startup-clear",
                "--pid", "file=" + dir.resolve(PID_FILE),
                "--log", "file=" + dir.resolve(LOG_FILE));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new TpmException("swtpm cannot be run (is it installed and on PATH? apt-get install -y swtpm swtpm-tools): "
                    + e.getMessage());
        }
        SwtpmProcess swtpm = new SwtpmProcess(p, dir);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new TpmException("swtpm exited (code " + p.exitValue() + ") right after starting on " + dir
                        + ": " + lastLines(dir.resolve(LOG_FILE)));
            }
            try (SocketChannel ch = connect(dir.resolve(SOCKET))) {
                return swtpm;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    swtpm.close();
                    throw new TpmException("swtpm did not open " + dir.resolve(SOCKET) + " within "
                            + START_TIMEOUT.toSeconds() + " s: " + lastLines(dir.resolve(LOG_FILE)));
                }
                sleep(50);
            }
        }
    }

    /** What tpm2-tools are given in TPM2TOOLS_TCTI to reach this TPM. */
    String tcti() {
        return "swtpm:path=" + stateDir.resolve(SOCKET);
    }

    Path stateDir() {
        return stateDir;
    }

    /** CMD_INIT: the platform reset (TPM_Init); TPM2_Startup must follow. */
    void init() {
        control(CMD_INIT, ByteBuffer.allocate(4).putInt(0).array());
    }

    /**
     * _TPM_Hash_Start, _TPM_Hash_Data (the launched code), _TPM_Hash_End: the TPM zeroes PCR 17-22
     * and extends PCR 17 with SHA-256 of the code, exactly as for a TXT launch.
     */
    void dynamicLaunch(byte[] code) {
        control(CMD_HASH_START, new byte[0]);
        for (int off = 0; off < code.length; off += MAX_HASH_CHUNK) {
            int n = Math.min(MAX_HASH_CHUNK, code.length - off);
            control(CMD_HASH_DATA, ByteBuffer.allocate(4 + n).putInt(n).put(code, off, n).array());
        }
        control(CMD_HASH_END, new byte[0]);
    }

    /**
     * TPM2_PCR_Extend at the locality of the measured launch environment (tboot runs at locality 2
     * after the launch), then back to locality 0. PCR 17-22 accept extends only from localities
     * 1-4 (19 and 21-22 not even from 4), never from software at locality 0: the TPM itself keeps
     * a compromised OS from forging the launch's measurements.
     */
    void extendAsLaunchedEnvironment(int pcr, byte[] digest) {
        control(CMD_SET_LOCALITY, new byte[]{MLE_LOCALITY});
        try {
            int rc = command(pcrExtendCommand(pcr, digest));
            if (rc != 0) {
                throw new TpmException(String.format("TPM2_PCR_Extend of PCR %d at locality %d failed: TPM rc 0x%x",
                        pcr, MLE_LOCALITY, rc));
            }
        } finally {
            control(CMD_SET_LOCALITY, new byte[]{0});
        }
    }

    /** TPM2_PCR_Extend with an empty password session (PCR auth is empty) and one SHA-256 digest; Part 3 §22.2. */
    static byte[] pcrExtendCommand(int pcr, byte[] digest) {
        if (digest.length != SoftwareTpm.DIGEST_SIZE) {
            throw new IllegalArgumentException("a SHA-256 digest has " + SoftwareTpm.DIGEST_SIZE + " bytes");
        }
        int authSize = 4 + 2 + 1 + 2;
        int size = 10 + 4 + 4 + authSize + 4 + 2 + digest.length;
        return ByteBuffer.allocate(size)
                .putShort((short) TPM_ST_SESSIONS).putInt(size).putInt(TPM_CC_PCR_EXTEND)
                .putInt(pcr)                                   // pcrHandle: PCR n is handle n
                .putInt(authSize)                              // authorizationSize
                .putInt(TPM_RS_PW).putShort((short) 0)         // password session, empty nonce
                .put((byte) 0).putShort((short) 0)             // sessionAttributes, empty password
                .putInt(1).putShort((short) SoftwareTpm.TPM_ALG_SHA256).put(digest) // TPML_DIGEST_VALUES
                .array();
    }

    /** Sends one TPM command on the data socket; returns its response code. */
    private int command(byte[] cmd) {
        try (SocketChannel ch = connect(stateDir.resolve(SOCKET))) {
            writeFully(ch, cmd);
            ByteBuffer header = readFully(ch, 10);
            int size = header.getInt(2);
            int rc = header.getInt(6);
            if (size > 10) {
                readFully(ch, Math.min(size - 10, 4096));
            }
            return rc;
        } catch (IOException e) {
            throw new TpmException("swtpm's data socket " + stateDir.resolve(SOCKET) + ": " + e.getMessage());
        }
    }

    /** One control-channel command; swtpm answers a 4-byte result (0 = success). */
    private void control(int cmd, byte[] payload) {
        try (SocketChannel ch = connect(stateDir.resolve(CONTROL_SOCKET))) {
            writeFully(ch, ByteBuffer.allocate(4 + payload.length).putInt(cmd).put(payload).array());
            int result = readFully(ch, 4).getInt(0);
            if (result != 0) {
                throw new TpmException(String.format("swtpm control command %d failed with 0x%x", cmd, result));
            }
        } catch (IOException e) {
            throw new TpmException("swtpm's control socket " + stateDir.resolve(CONTROL_SOCKET) + ": " + e.getMessage());
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static void writeFully(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /**
     * Reads n bytes, waiting at most SOCKET_TIMEOUT for them: a Unix socket has no read timeout of its own, and
     * a wedged swtpm must not hold the TPM's lock (and with it every later quote and heal) forever.
     */
    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        ch.configureBlocking(false);
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            ch.register(selector, java.nio.channels.SelectionKey.OP_READ);
            long deadline = System.nanoTime() + SOCKET_TIMEOUT.toNanos();
            while (b.hasRemaining()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("swtpm did not answer within " + SOCKET_TIMEOUT.toSeconds() + " s (" + b.position()
                            + " of " + n + " bytes)");
                }
                selector.select(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
                selector.selectedKeys().clear();
                if (ch.read(b) < 0) {
                    throw new IOException("swtpm closed the connection after " + b.position() + " of " + n + " bytes");
                }
            }
        } finally {
            // deregistered when the selector closed; later writes on this channel expect blocking mode
            ch.configureBlocking(true);
        }
        return b.flip();
    }

    /** A swtpm on this state directory from an earlier agent that died without stopping it. */
    private static void stopLeftover(Path dir) throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("swtpm") && c.contains("dir=" + dir)).orElse(false))
                    .ifPresent(h -> {
                        Log.info("stopping a swtpm left over on " + dir + " (pid " + pid + ")");
                        h.destroy();
                        try {
                            h.onExit().get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
        } catch (NumberFormatException e) {
            // not a pid: nothing to stop
        }
        Files.deleteIfExists(pidFile);
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TpmException("interrupted while waiting for swtpm");
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: swtpm saves its state and exits
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
