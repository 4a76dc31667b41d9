package org.trustpool.webadmin.client;

/**
 * Switches for controls whose engine side may be missing. Each control is built and wired to its XML
 * element; switched off, it stays hidden (and its element is not sent), so that an administrator never
 * sees a checkbox the engine silently ignores. Both are on: the engine's trust backend has landed.
 */
final class Features {
    /**
     * Cluster dialog, "additional properties": "Enable Trusted Service", sent as
     * {@code <trusted_service>}. On since the trusted-clusters backend landed (issue 4).
     */
    static final boolean TRUSTED_SERVICE = true;

    /**
     * VM dialog, Host side tab: the "Run on Trusted Host" option, sent as {@code <trusted_host_flag>}.
     * On since the VM-level trust backend landed (issue 5).
     */
    static final boolean TRUSTED_HOST = true;

    private Features() {
    }
}
