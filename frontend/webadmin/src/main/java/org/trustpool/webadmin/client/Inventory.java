package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.google.gwt.xml.client.Element;

/**
 * The engine's lists as last fetched, shared by every tab: a VM row names its cluster, host and template
 * from here. refresh() asks for all of them; each answer replaces its list and tells the listeners.
 */
final class Inventory {
    /** The audit log can be long; the Events tab shows the newest ones. */
    static final int EVENTS_SHOWN = 100;

    /** The lists the dialogs choose from. */
    private static final List<String> CHOICES = Arrays.asList("datacenters", "clusters", "hosts", "templates");

    private final EngineApi api;
    private final List<Runnable> listeners = new ArrayList<>();
    /** Told when a refresh starts (a search asks for its own answer then). */
    private final List<Runnable> refreshStarted = new ArrayList<>();
    /** The paths that have answered at least once. */
    private final Set<String> answered = new HashSet<>();
    private EngineApi.Failure refreshFailed = message -> { };

    List<Rows.DataCenter> dataCenters = new ArrayList<>();
    List<Rows.Cluster> clusters = new ArrayList<>();
    List<Rows.Host> hosts = new ArrayList<>();
    List<Rows.Vm> vms = new ArrayList<>();
    List<Rows.Template> templates = new ArrayList<>();
    List<Rows.Event> events = new ArrayList<>();
    /** What lies in the export directory. */
    List<Rows.Export> exportedVms = new ArrayList<>();
    List<Rows.Export> exportedTemplates = new ArrayList<>();

    Inventory(EngineApi api) {
        this.api = api;
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Where a failed refresh is reported (the main view's status line). */
    void onRefreshFailed(EngineApi.Failure handler) {
        this.refreshFailed = handler;
    }

    void onRefreshStarted(Runnable listener) {
        refreshStarted.add(listener);
    }

    void refresh() {
        refreshStarted.forEach(Runnable::run);
        fetch("datacenters", root -> dataCenters = Rows.dataCenters(root));
        fetch("clusters", root -> clusters = Rows.clusters(root));
        fetch("hosts", root -> hosts = Rows.hosts(root));
        fetch("vms", root -> vms = Rows.vms(root));
        fetch("templates", root -> templates = Rows.templates(root));
        fetch("events?max=" + EVENTS_SHOWN, root -> events = Rows.events(root));
        fetch("exports/vms", root -> exportedVms = Rows.exports(root, Rows.Export.VM));
        fetch("exports/templates", root -> exportedTemplates = Rows.exports(root, Rows.Export.TEMPLATE));
    }

    private void fetch(String path, Consumer<Element> store) {
        api.get(path, root -> {
            store.accept(root);
            answered.add(path);
            changed();
        }, refreshFailed);
    }

    /**
     * Whether the lists the dialogs choose from (data centers, clusters, hosts, templates) have each
     * arrived once. A dialog is filled when it opens; opened before that, right after login, it would
     * offer an empty choice, so the actions that open one wait for this.
     */
    boolean choicesLoaded() {
        return answered.containsAll(CHOICES);
    }

    void clear() {
        dataCenters = new ArrayList<>();
        clusters = new ArrayList<>();
        hosts = new ArrayList<>();
        vms = new ArrayList<>();
        templates = new ArrayList<>();
        events = new ArrayList<>();
        exportedVms = new ArrayList<>();
        exportedTemplates = new ArrayList<>();
        answered.clear();
        changed();
    }

    private void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    String clusterName(String id) {
        for (Rows.Cluster c : clusters) {
            if (c.id.equals(id)) {
                return c.name;
            }
        }
        return id == null ? "" : id;
    }

    String dataCenterName(String id) {
        for (Rows.DataCenter d : dataCenters) {
            if (d.id.equals(id)) {
                return d.name;
            }
        }
        return id == null ? "" : id;
    }

    String hostName(String id) {
        Rows.Host host = host(id);
        return host != null ? host.name : id == null ? "" : id;
    }

    Rows.Host host(String id) {
        for (Rows.Host h : hosts) {
            if (h.id.equals(id)) {
                return h;
            }
        }
        return null;
    }

    Rows.Cluster cluster(String id) {
        for (Rows.Cluster c : clusters) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    String templateName(String id) {
        for (Rows.Template t : templates) {
            if (t.id.equals(id)) {
                return t.name;
            }
        }
        return id == null ? "" : id;
    }

    Rows.Template template(String id) {
        for (Rows.Template t : templates) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** The exported VMs, then the exported templates, as the Exports tab lists them. */
    List<Rows.Export> exports() {
        List<Rows.Export> all = new ArrayList<>(exportedVms);
        all.addAll(exportedTemplates);
        return all;
    }

    /** The names of the clusters here whose Trusted Service is on. */
    List<String> trustedClusterNames() {
        List<String> names = new ArrayList<>();
        for (Rows.Cluster c : clusters) {
            if (c.trustedService) {
                names.add(c.name);
            }
        }
        return names;
    }

    List<Rows.Host> hostsIn(String clusterId) {
        List<Rows.Host> found = new ArrayList<>();
        for (Rows.Host h : hosts) {
            if (h.clusterId != null && h.clusterId.equals(clusterId)) {
                found.add(h);
            }
        }
        return found;
    }
}
