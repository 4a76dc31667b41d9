package org.trustpool.hostagent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated boot chain: what each stage measures into which PCR, in the order a real
 * platform does it (TCG PC Client firmware for PCR 0-7, Intel TXT / tboot for PCR 17-19).
 * <p>
 * Every component digest is derived only from the configured names and versions:
 * {@code SHA-256(UTF-8("trustpool-measurement\n" + component + "\n" + name + "\n" + version))}.
 * So hosts with the same configuration end with the same PCR values, PCR 0-7 depend only on
 * the BIOS and PCR 17-19 only on the VMM (which is what lets a whitelist group them that way),
 * and {@link #expectedPcrs} can compute the known-good values without booting anything.
 */
public final class MeasuredBoot {

    public static final List<Integer> BIOS_PCRS = List.of(0, 1, 2, 3, 4, 5, 6, 7);
    public static final List<Integer> VMM_PCRS = List.of(17, 18, 19);
    /** The PCR a swapped kernel shows up in (tboot measures kernel and initrd into PCR 19). */
    public static final int KERNEL_PCR = 19;

    /** One entry of the measurement log: a component's digest extended into a PCR. */
    public record Event(int pcr, String component, byte[] digest) {
    }

    /** The configuration a host boots; names and versions are what the whitelist is keyed by. */
    public record Platform(String biosName, String biosVersion, String vmmName, String vmmVersion) {

        public Platform {
            Objects.requireNonNull(biosName);
            Objects.requireNonNull(biosVersion);
            Objects.requireNonNull(vmmName);
            Objects.requireNonNull(vmmVersion);
        }
    }

    /** EV_SEPARATOR: firmware closes each pre-OS PCR with the digest of four zero bytes. */
    static final byte[] SEPARATOR = SoftwareTpm.sha256().digest(new byte[4]);

    private static final String[][] BIOS_COMPONENTS = {
            {"0", "bios-code"},          // CRTM and the BIOS/UEFI firmware image
            {"1", "bios-config"},        // platform configuration (setup settings, SMBIOS)
            {"2", "option-rom-code"},    // option ROMs (NIC, storage controller firmware)
            {"3", "option-rom-config"},
            {"4", "ipl-code"},           // boot manager / boot loader
            {"5", "ipl-config"},         // boot configuration, partition table
            {"6", "platform-state"},     // state transitions and wake events
            {"7", "secure-boot-policy"}, // Secure Boot variables and authorities
    };

    private static final String[][] VMM_COMPONENTS = {
            {"17", "txt-sinit-acm"},      // Intel TXT SINIT authenticated code module
            {"17", "txt-launch-policy"},  // launch control policy
            {"18", "vmm"},                // the measured launch environment: the hypervisor
            {"19", "os-kernel"},
            {"19", "os-initrd"},
    };

    private MeasuredBoot() {
    }

    /** The measurement log of an honest boot of {@code platform}. */
    public static List<Event> events(Platform platform) {
        List<Event> log = new ArrayList<>();
        for (String[] c : BIOS_COMPONENTS) {
            log.add(new Event(Integer.parseInt(c[0]), c[1],
                    componentDigest(c[1], platform.biosName(), platform.biosVersion())));
        }
        for (int pcr : BIOS_PCRS) {
            log.add(new Event(pcr, "separator", SEPARATOR.clone()));
        }
        for (String[] c : VMM_COMPONENTS) {
            log.add(new Event(Integer.parseInt(c[0]), c[1],
                    componentDigest(c[1], platform.vmmName(), platform.vmmVersion())));
        }
        return Collections.unmodifiableList(log);
    }

    /**
     * Like {@link #events} but with a different kernel, as if someone swapped it (a rootkit, an
     * unapproved build): only the kernel's digest differs, so only PCR 19 changes.
     */
    public static List<Event> tamperedEvents(Platform platform) {
        List<Event> log = new ArrayList<>(events(platform));
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).component().equals("os-kernel")) {
                log.set(i, new Event(KERNEL_PCR, "os-kernel",
                        componentDigest("os-kernel", platform.vmmName(), platform.vmmVersion() + "+tampered")));
            }
        }
        return Collections.unmodifiableList(log);
    }

    /**
     * Replays a boot into a freshly reset TPM. The first event of the TXT chain is the dynamic launch
     * itself: the TPM measures the SINIT ACM's code into PCR 17 after zeroing PCR 17-22 (only the
     * CPU's locality 4 can do that on a real TPM); every later event is an ordinary extend. Its
     * digest is the same as the log's, so {@link #expectedPcrs} holds for both TPM backends.
     */
    public static void boot(Tpm tpm, Platform platform, boolean tampered) {
        for (Event e : tampered ? tamperedEvents(platform) : events(platform)) {
            if (e.component().equals(DYNAMIC_LAUNCH_COMPONENT)) {
                tpm.dynamicLaunch(componentImage(e.component(), platform.vmmName(), platform.vmmVersion()));
            } else {
                tpm.measure(e.pcr(), e.digest());
            }
        }
    }

    /** The component the dynamic launch measures: the SINIT authenticated code module. */
    static final String DYNAMIC_LAUNCH_COMPONENT = "txt-sinit-acm";

    /**
     * Pure: the PCR values (0-7 and 17-19) an honest boot of this configuration ends with,
     * i.e. the known-good values for the whitelist.
     */
    public static SortedMap<Integer, byte[]> expectedPcrs(String biosName, String biosVersion,
                                                          String vmmName, String vmmVersion) {
        return replay(events(new Platform(biosName, biosVersion, vmmName, vmmVersion)));
    }

    static SortedMap<Integer, byte[]> replay(List<Event> log) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (int pcr : BIOS_PCRS) {
            pcrs.put(pcr, new byte[SoftwareTpm.DIGEST_SIZE]);
        }
        for (int pcr : VMM_PCRS) {
            pcrs.put(pcr, new byte[SoftwareTpm.DIGEST_SIZE]);
        }
        for (Event e : log) {
            MessageDigest sha = SoftwareTpm.sha256();
            sha.update(pcrs.get(e.pcr()));
            sha.update(e.digest());
            pcrs.put(e.pcr(), sha.digest());
        }
        return pcrs;
    }

    /** Newline-separated, and names/versions are refused if they contain control characters, so it is unambiguous. */
    static byte[] componentDigest(String component, String name, String version) {
        return SoftwareTpm.sha256().digest(componentImage(component, name, version));
    }

    /** The simulated component's "code": what its digest is the SHA-256 of. */
    static byte[] componentImage(String component, String name, String version) {
        String text = "trustpool-measurement\n" + component + "\n" + name + "\n" + version;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code --print-good-pcrs} document: PCR values grouped as the whitelist groups them. */
    static Map<String, Object> goodPcrsDocument(Platform p) {
        SortedMap<Integer, byte[]> pcrs = expectedPcrs(p.biosName(), p.biosVersion(), p.vmmName(), p.vmmVersion());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("bios", group(p.biosName(), p.biosVersion(), pcrs, BIOS_PCRS));
        doc.put("vmm", group(p.vmmName(), p.vmmVersion(), pcrs, VMM_PCRS));
        return doc;
    }

    private static Map<String, Object> group(String name, String version, Map<Integer, byte[]> pcrs, List<Integer> which) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int pcr : which) {
            values.put(String.valueOf(pcr), HexFormat.of().formatHex(pcrs.get(pcr)));
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", name);
        g.put("version", version);
        g.put("pcrs", values);
        return g;
    }
}
