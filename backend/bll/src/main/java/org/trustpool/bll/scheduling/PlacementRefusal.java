package org.trustpool.bll.scheduling;

import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.MessageBundle;

/**
 * Why a VM could not be placed, in the order an administrator needs it. When the VM needs trust and
 * trust is what stopped it, the refusal says so first ("No trusted host is available in cluster
 * Trusted: host host-04 is untrusted (PCR 19 …) and NonOperational; host host-03 is in Maintenance,
 * not Up"): hosts dropped for trust lead, with the trust cause rather than the status it caused, then
 * the cluster's other hosts, then a count of the hosts out of reach (other clusters, not requested).
 * The hosts' full verdicts stay in the API ({@code /hosts/{id}} {@code <trust>}); here reasons are short.
 */
public final class PlacementRefusal {
    private PlacementRefusal() {
    }

    /** A reason that puts the host out of the VM's reach: nothing else about that host is worth saying. */
    static boolean isOutOfReach(ValidationResult reason) {
        return reason.getMessage() == EngineMessage.SCHEDULING_HOST_IN_OTHER_CLUSTER
                || reason.getMessage() == EngineMessage.SCHEDULING_HOST_NOT_REQUESTED
                // a migration's own source is no candidate whatever else is wrong with it: when trusted VMs are
                // moved off an untrusted host, that host must not be named as the trust cause of the refusal
                || reason.getMessage() == EngineMessage.SCHEDULING_HOST_IS_SOURCE;
    }

    /** The validation failure for a placement that found no host. */
    public static ValidationResult of(SchedulingRequest request, SchedulingResult result) {
        if (trustStopped(request, result)) {
            return failWith(EngineMessage.ACTION_TYPE_FAILED_NO_TRUSTED_HOST_AVAILABLE,
                    "ClusterName", request.cluster() == null ? "?" : request.cluster().getName(),
                    "Reasons", describe(request, result));
        }
        return failWith(EngineMessage.ACTION_TYPE_FAILED_NO_HOST_AVAILABLE, "Reasons", describe(request, result));
    }

    /** Trust is the cause when the VM needs it and at least one host of its reach was dropped for it. */
    static boolean trustStopped(SchedulingRequest request, SchedulingResult result) {
        return request.requiresTrust() && result.rejections().stream()
                .filter(r -> reason(r, EngineMessage.SCHEDULING_HOST_IS_SOURCE) == null)
                .anyMatch(r -> reason(r, EngineMessage.SCHEDULING_HOST_NOT_TRUSTED) != null);
    }

    /** The hosts' reasons in words, trust first when the VM needs trust; ends with a full stop. */
    public static String describe(SchedulingRequest request, SchedulingResult result) {
        if (result.rejections().isEmpty()) {
            return "there are no hosts.";
        }
        MessageBundle messages = MessageBundle.engineMessages();
        List<String> trust = new ArrayList<>();
        List<String> others = new ArrayList<>();
        int otherClusters = 0;
        int notRequested = 0;
        for (SchedulingResult.Rejection rejection : result.rejections()) {
            ValidationResult first = rejection.first();
            if (first.getMessage() == EngineMessage.SCHEDULING_HOST_IN_OTHER_CLUSTER) {
                otherClusters++;
                continue;
            }
            if (first.getMessage() == EngineMessage.SCHEDULING_HOST_NOT_REQUESTED) {
                notRequested++;
                continue;
            }
            ValidationResult source = reason(rejection, EngineMessage.SCHEDULING_HOST_IS_SOURCE);
            if (source != null) {
                others.add(render(messages, source));
                continue;
            }
            ValidationResult untrusted = request.requiresTrust() ? reason(rejection, EngineMessage.SCHEDULING_HOST_NOT_TRUSTED) : null;
            if (untrusted != null) {
                // The trust cause, and the status it usually caused (an untrusted host is NonOperational).
                ValidationResult notUp = reason(rejection, EngineMessage.SCHEDULING_HOST_NOT_UP);
                String text = render(messages, untrusted);
                trust.add(notUp == null ? text : text + " and " + notUp.getVariables().get("Status"));
            } else {
                others.add(render(messages, first));
            }
        }
        List<String> parts = new ArrayList<>(trust);
        parts.addAll(others);
        if (notRequested > 0) {
            parts.add(render(messages, failWith(EngineMessage.SCHEDULING_HOSTS_NOT_REQUESTED, "Count", String.valueOf(notRequested))));
        }
        if (otherClusters > 0) {
            parts.add(render(messages, failWith(EngineMessage.SCHEDULING_HOSTS_IN_OTHER_CLUSTERS, "Count", String.valueOf(otherClusters))));
        }
        return String.join("; ", parts) + ".";
    }

    private static ValidationResult reason(SchedulingResult.Rejection rejection, EngineMessage message) {
        return rejection.reasons().stream().filter(r -> r.getMessage() == message).findFirst().orElse(null);
    }

    private static String render(MessageBundle messages, ValidationResult reason) {
        Map<String, String> vars = new HashMap<>(reason.getVariables());
        return messages.format(reason.getMessage().name(), vars);
    }
}
