package org.trustpool.launcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One engine node's name and ports. Node 1 takes exactly the ports the options name (as a single
 * engine always did); node k takes the first HTTP port above node k-1's whose HTTPS and management
 * ports (at the same distances as node 1's) are free and taken by no other node, and JGroups ports
 * --jgroups-port + k - 1 and --jgroups-fd-port + k - 1.
 *
 * @param number 1-based
 */
record NodePorts(int number, String name, int http, int https, int management, int managementHttps, int jgroups,
                 int jgroupsFd) {

    /** How many HTTP ports above the previous node's are tried for the next node. */
    static final int SEARCH = 50;

    /** Every port this node binds. */
    List<Integer> all(boolean clustered) {
        List<Integer> ports = new ArrayList<>(List.of(http, https, management, managementHttps));
        if (clustered) {
            ports.add(jgroups);
            ports.add(jgroupsFd);
        }
        return ports;
    }

    /**
     * Plans every node's ports before anything starts, so a busy port is reported at once rather than
     * when node 3 fails to boot minutes later.
     *
     * @param free     whether a port can be bound now
     * @param reserved ports the launcher's other processes take (embedded PostgreSQL, host agents): no node gets them
     * @throws LaunchException naming every busy port of node 1 (those the user chose), or the node that found no ports
     */
    static List<NodePorts> plan(LaunchOptions options, IntPredicate free, Set<Integer> reserved) {
        boolean clustered = options.clustered();
        Set<Integer> taken = new HashSet<>(reserved);
        List<NodePorts> nodes = new ArrayList<>();
        int managementShift = options.managementHttpPort() - options.port();
        NodePorts first = new NodePorts(1, options.nodes() > 1 ? "trustpool-1" : options.nodeName(), options.port(),
                options.httpsPort(), options.managementHttpPort(), options.managementHttpsPort(), options.jgroupsPort(),
                options.jgroupsFdPort());
        List<String> busy = new ArrayList<>();
        String[] what = {"HTTP (--port)", "HTTPS (--port + " + LaunchOptions.HTTPS_OFFSET + ")",
            "management (" + (managementShift == LaunchOptions.MANAGEMENT_HTTP_OFFSET ? "--port + " + managementShift : "--management-port") + ")",
            "management HTTPS (management + 3)", "JGroups (--jgroups-port)", "JGroups failure detection (--jgroups-fd-port)"};
        List<Integer> firstPorts = first.all(clustered);
        for (int i = 0; i < firstPorts.size(); i++) {
            int port = firstPorts.get(i);
            if (taken.contains(port) || !free.test(port)) {
                busy.add(port + " for " + what[i]);
            }
        }
        if (!busy.isEmpty()) {
            throw new LaunchException("port" + (busy.size() == 1 ? " " : "s ") + String.join(", ", busy)
                    + (busy.size() == 1 ? " is" : " are") + " already in use; choose others with the options named");
        }
        taken.addAll(firstPorts);
        nodes.add(first);
        for (int k = 2; k <= options.nodes(); k++) {
            NodePorts previous = nodes.get(nodes.size() - 1);
            int jgroups = options.jgroupsPort() + k - 1;
            int jgroupsFd = options.jgroupsFdPort() + k - 1;
            for (int p : new int[] {jgroups, jgroupsFd}) {
                // fixed, not searched: a firewall rule for the cluster's ports should be writable in advance
                if (taken.contains(p) || !free.test(p)) {
                    throw new LaunchException("port " + p + " for node " + k + "'s JGroups (--jgroups-port or --jgroups-fd-port + "
                            + (k - 1) + ") is already in use; choose other JGroups ports");
                }
            }
            NodePorts next = null;
            for (int http = previous.http() + 1; http <= previous.http() + SEARCH && next == null; http++) {
                NodePorts candidate = new NodePorts(k, "trustpool-" + k, http, http + LaunchOptions.HTTPS_OFFSET,
                        http + managementShift, http + managementShift + 3, jgroups, jgroupsFd);
                if (candidate.all(true).stream().allMatch(p -> p <= 65535 && !taken.contains(p) && free.test(p))) {
                    next = candidate;
                }
            }
            if (next == null) {
                throw new LaunchException("no free ports for engine node " + k + " within " + SEARCH + " HTTP ports above "
                        + previous.http() + " (each node needs HTTP, HTTPS +" + LaunchOptions.HTTPS_OFFSET
                        + ", management +" + managementShift + " and +" + (managementShift + 3) + "); choose another --port");
            }
            taken.addAll(next.all(true));
            nodes.add(next);
        }
        return List.copyOf(nodes);
    }
}
