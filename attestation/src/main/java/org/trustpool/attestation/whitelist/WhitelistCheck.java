package org.trustpool.attestation.whitelist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.trustpool.attestation.verify.CheckResult;

/**
 * Compares verified PCR values with the whitelist ("good/known database").
 *
 * <p>The rule: a host passes for a type (BIOS, VMM) when its PCRs match <em>every</em> value of
 * <em>any one</em> whitelisted MLE of that type whose name is the one the host registered; the
 * version it registered is not required to match. Several versions of one name can so be
 * accepted at once, and a fleet rolls from kernel N to N+1 by whitelisting N+1 first, updating
 * the hosts, then deleting N, with no window in which an updated host is untrusted and without
 * re-registering hosts. The registered version still picks the candidate named in a reason
 * when several are equally close. A host needs a passing BIOS <em>and</em> a passing VMM: no
 * MLE for its name fails closed.
 */
public final class WhitelistCheck {

    private static final HexFormat HEX = HexFormat.of();

    private WhitelistCheck() {
    }

    public record Mismatch(int pcr, String expected, String seen) {
    }

    public static CheckResult check(String biosName, String biosVersion, String vmmName, String vmmVersion,
                                    Map<Integer, byte[]> pcrValues, List<Mle> whitelist) {
        String bios = checkType(MleType.BIOS, biosName, biosVersion, pcrValues, whitelist);
        String vmm = checkType(MleType.VMM, vmmName, vmmVersion, pcrValues, whitelist);
        if (bios == null && vmm == null) {
            return CheckResult.ok();
        }
        String reason = bios == null ? vmm : vmm == null ? bios : bios + "; " + vmm;
        return CheckResult.failed("whitelist", reason);
    }

    /** @return null when a candidate matches, else the reason naming the closest one */
    private static String checkType(MleType type, String name, String version, Map<Integer, byte[]> pcrValues,
                                    List<Mle> whitelist) {
        List<Mle> candidates = whitelist.stream().filter(m -> m.type() == type && m.name().equals(name)).toList();
        if (candidates.isEmpty()) {
            return "no whitelisted " + type + " MLE named '" + name + "' (the host registered " + type + " '" + name + "' "
                    + version + ")";
        }
        Mle closest = null;
        List<Mismatch> closestMismatches = null;
        // fewest mismatches first; on a tie the registered version, then the oldest entry
        List<Mle> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing((Mle m) -> !m.version().equals(version)).thenComparingLong(Mle::id));
        for (Mle mle : ordered) {
            List<Mismatch> mismatches = mismatches(mle, pcrValues);
            if (mismatches.isEmpty()) {
                return null;
            }
            if (closestMismatches == null || mismatches.size() < closestMismatches.size()) {
                closest = mle;
                closestMismatches = mismatches;
            }
        }
        Mismatch first = closestMismatches.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("PCR ").append(first.pcr()).append(" does not match ").append(type).append(" '").append(name)
                .append("' ").append(closest.version()).append(" (MLE ").append(closest.id()).append("): expected ")
                .append(first.expected()).append(", seen ").append(first.seen());
        if (closestMismatches.size() > 1) {
            sb.append(" (and PCR");
            closestMismatches.stream().skip(1).forEach(m -> sb.append(' ').append(m.pcr()));
            sb.append(" differ too)");
        }
        if (candidates.size() > 1) {
            sb.append("; none of the ").append(candidates.size()).append(" whitelisted versions matches");
        }
        return sb.toString();
    }

    static List<Mismatch> mismatches(Mle mle, Map<Integer, byte[]> pcrValues) {
        List<Mismatch> result = new ArrayList<>();
        for (Map.Entry<Integer, String> e : mle.pcrs().entrySet()) {
            byte[] seen = pcrValues.get(e.getKey());
            String seenHex = seen == null ? "(not quoted)" : HEX.formatHex(seen);
            if (!e.getValue().equals(seenHex)) {
                result.add(new Mismatch(e.getKey(), e.getValue(), seenHex));
            }
        }
        return result;
    }
}
