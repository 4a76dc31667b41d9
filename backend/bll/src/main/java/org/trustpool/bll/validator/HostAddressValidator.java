package org.trustpool.bll.validator;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.regex.Pattern;

import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * A host address is a DNS name, an IPv4 or an IPv6 literal, nothing else: it becomes part of a
 * URL the engine calls, so anything with '/', '@', '?' or spaces could redirect those calls.
 */
public final class HostAddressValidator {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}");

    private HostAddressValidator() {
    }

    public static ValidationResult validAddress(String address) {
        if (address != null && (IPV4.matcher(address).matches() || DNS_NAME.matcher(address).matches()
                || (address.contains(":") && IPV6.matcher(address).matches()))) {
            return VALID;
        }
        return failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_ADDRESS_INVALID, "Address", String.valueOf(address));
    }

    public static ValidationResult validPort(int port) {
        return port >= 1 && port <= 65535 ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_PORT_INVALID);
    }
}
