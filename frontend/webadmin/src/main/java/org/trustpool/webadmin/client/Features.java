package org.trustpool.webadmin.client;

/**
 * Switches for controls whose engine side has not landed yet. Each control is built and wired to its XML
 * element, but stays hidden (and its element is not sent) until the switch is turned on, so that an
 * administrator never sees a checkbox the engine silently ignores.
 */
final class Features {
    /**
     * Cluster dialog, "additional properties": "Enable Trusted Service", sent as
     * {@code <trusted_service>}. Turn on when the trusted-clusters backend lands (issue 4); until then the
     * engine ignores the element.
     */
    static final boolean TRUSTED_SERVICE = false;

    /**
     * VM dialog, Host side tab: the "Run on Trusted Host" option, sent as {@code <trusted_host_flag>}.
     * Turn on when the VM-level trust backend lands (issue 5).
     */
    static final boolean TRUSTED_HOST = false;

    private Features() {
    }
}
