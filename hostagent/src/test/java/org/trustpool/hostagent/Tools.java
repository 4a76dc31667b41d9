package org.trustpool.hostagent;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Conformance tests need swtpm and tpm2-tools. On a developer's machine without them the test
 * is skipped with the install command; in CI ({@code TRUSTPOOL_REQUIRE_SWTPM=1}, set by .ci/run
 * after installing them) a missing tool FAILS the test, so the interop proof cannot silently vanish.
 */
final class Tools {

    static final String INSTALL = "apt-get install -y swtpm swtpm-tools tpm2-tools";

    private Tools() {
    }

    static void require(List<String> tools) {
        List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "missing " + missing + " (" + INSTALL + ")";
        if ("1".equals(System.getenv("TRUSTPOOL_REQUIRE_SWTPM"))) {
            fail("TRUSTPOOL_REQUIRE_SWTPM=1 but " + message);
        }
        assumeTrue(false, message + ": skipping the conformance check");
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
