package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.i18n.client.DateTimeFormat;
import com.google.gwt.i18n.client.TimeZone;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.DeckPanel;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.InlineLabel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.Widget;
import com.google.gwt.xml.client.Element;

/**
 * The selected host's details below the list, as oVirt's sub-tabs: General, Virtual Machines, Events and
 * Trust. The Trust panel is the host's attestation as the engine knows it: the verdict, when the service
 * verified it and when the engine last asked (absolute UTC times, with their age), why it is not trusted
 * (which PCR, what was expected and what was seen, shortened, each with a copy control for the full value),
 * the TPM that enrolled under the host's name (its EK fingerprint) and "Re-attest now".
 */
final class HostDetails extends Composite {
    static final String[] SUBTABS = {"general", "vms", "events", "trust"};

    private final EngineApi api;
    private final Inventory inventory;
    private final Notice notice;
    private final Runnable subTabChanged;
    private final DeckPanel deck = new DeckPanel();
    private final List<Button> buttons = new ArrayList<>();
    private final Label title = new Label();
    private final Forms.Grid general = new Forms.Grid();
    private final ListTable<Rows.Vm> vms;
    private final ListTable<Rows.Event> events;
    private final FlowPanel trust = new FlowPanel();
    private final Button reattest = new Button("Re-attest now");
    private int shownTab;
    private Rows.Host host;
    /** The trust panel's content as last drawn, so a refresh redraws it only when it changed. */
    private String trustShown = "";
    private boolean reattesting;

    HostDetails(EngineApi api, Inventory inventory, Notice notice, Runnable subTabChanged) {
        this.api = api;
        this.inventory = inventory;
        this.notice = notice;
        this.subTabChanged = subTabChanged;
        FlowPanel panel = new FlowPanel();
        panel.setStyleName("details");
        panel.getElement().setId("host-details");
        title.setStyleName("details-title");
        title.getElement().setId("host-details-title");
        panel.add(title);
        FlowPanel tabBar = new FlowPanel();
        tabBar.setStyleName("subtabs");
        panel.add(tabBar);
        panel.add(deck);

        vms = new ListTable<Rows.Vm>("host-vms", vm -> vm.id, vm -> vm.name)
                .column("name", "Name", vm -> vm.name)
                .column("cluster", "Cluster", vm -> inventory.clusterName(vm.clusterId))
                .column("status", "Status", vm -> XmlText.label(vm.status), vm -> MainTab.statusStyle(vm.status))
                .column("memory", "Memory (MB)", vm -> vm.memoryMb)
                .column("runon", "Run On", vm -> vm.trustedHost ? "Trusted Host" : vm.pinnedHostId != null ? "Specific Host" : "Any Host in Cluster");
        events = new ListTable<Rows.Event>("host-events", e -> e.id, e -> e.id)
                .column("severity", "Severity", e -> e.severity, e -> "severity-" + e.severity)
                .column("time", "Time (UTC)", e -> e.time)
                .column("message", "Message", e -> e.description);
        trust.setStyleName("trust-panel");
        reattest.getElement().setId("host-reattest");
        reattest.addClickHandler(e -> reattest());

        addSubTab(tabBar, "general", "General", general);
        addSubTab(tabBar, "vms", "Virtual Machines", vms);
        addSubTab(tabBar, "events", "Events", events);
        addSubTab(tabBar, "trust", "Trust", trust);
        showSubTab(0);
        initWidget(panel);
    }

    private void addSubTab(FlowPanel tabBar, String key, String text, Widget content) {
        int index = buttons.size();
        Button b = new Button(text);
        b.getElement().setId("host-details-tab-" + key);
        b.addClickHandler(e -> {
            showSubTab(index);
            subTabChanged.run();
        });
        buttons.add(b);
        tabBar.add(b);
        content.getElement().setId("host-details-pane-" + key);
        deck.add(content);
    }

    void showSubTab(String key) {
        for (int i = 0; i < SUBTABS.length; i++) {
            if (SUBTABS[i].equals(key)) {
                showSubTab(i);
            }
        }
    }

    private void showSubTab(int index) {
        shownTab = index;
        deck.showWidget(index);
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i).setStyleName(i == index ? "subtab selected" : "subtab");
        }
    }

    /** The sub-tab shown, as the URL names it. */
    String subTab() {
        return SUBTABS[shownTab];
    }

    /** Shows this host (null: none selected, the panel hides). */
    void show(Rows.Host h) {
        this.host = h;
        setVisible(h != null);
        if (h == null) {
            return;
        }
        title.setText("Host " + h.name);
        general.removeAllRows();
        general.add("Name", new Label(h.name), "host-general-name");
        general.add("Address", new Label(h.address + (h.port.isEmpty() ? "" : ":" + h.port)), "host-general-address");
        general.add("Cluster", new Label(inventory.clusterName(h.clusterId)), "host-general-cluster");
        general.add("Status", new Label(XmlText.label(h.status) + (h.statusDetail.isEmpty() ? "" : " (" + h.statusDetail + ")")),
                "host-general-status");
        general.add("CPU Cores", new Label(h.cpuCores), "host-general-cpus");
        general.add("Physical Memory (MB)", new Label(h.memoryMb), "host-general-memory");
        general.add("Active VMs", new Label(h.activeVms), "host-general-vms");
        general.add("Monitored by engine node", new Label(h.monitoredBy.isEmpty() ? "none at the moment (being handed over)"
                : h.monitoredBy), "host-general-monitored-by");
        List<Rows.Vm> running = new ArrayList<>();
        for (Rows.Vm vm : inventory.vms) {
            if (h.id.equals(vm.hostId)) {
                running.add(vm);
            }
        }
        vms.setRows(running);
        List<Rows.Event> about = new ArrayList<>();
        for (Rows.Event e : inventory.events) {
            if (h.id.equals(e.hostId)) {
                about.add(e);
            }
        }
        events.setRows(about);
        renderTrust(h);
    }

    private void renderTrust(Rows.Host h) {
        Rows.Cluster cluster = inventory.cluster(h.clusterId);
        boolean trustedCluster = cluster != null && cluster.trustedService;
        reattest.setEnabled(!reattesting && trustedCluster && HostsTab.attestable(h.status));
        reattest.setTitle(trustedCluster ? "Ask the attestation service for a fresh verdict now"
                : "Only hosts of trusted clusters are attested on request");
        String signature = h.id + "|" + h.trustLevel + "|" + h.trustVerifiedAt + "|" + h.trustCheckedAt + "|" + h.trustReason
                + "|" + h.ekFingerprint + "|" + trustedCluster + "|" + (System.currentTimeMillis() / 1000);
        if (signature.equals(trustShown)) {
            return;
        }
        trustShown = signature;
        trust.clear();
        FlowPanel actions = new FlowPanel();
        actions.setStyleName("toolbar");
        actions.add(reattest);
        trust.add(actions);
        Forms.Grid grid = new Forms.Grid();
        Label verdict = new Label(h.trustLevel.isEmpty() ? "never attested" : XmlText.label(h.trustLevel));
        if (!h.trustLevel.isEmpty()) {
            verdict.addStyleName("trust-" + h.trustLevel);
        }
        grid.add("Verdict", verdict, "host-trust-level");
        grid.add("Verified by the service", new Label(when(h.trustVerifiedAt)), "host-trust-verified");
        grid.add("Last checked by the engine", new Label(when(h.trustCheckedAt)), "host-trust-checked");
        grid.add("Trusted cluster", new Label(trustedCluster ? "yes (" + cluster.name + ")" : "no"), "host-trust-cluster");
        if (!h.trustLevel.isEmpty() && !"trusted".equals(h.trustLevel) && !h.trustReason.isEmpty()) {
            XmlText.PcrMismatch pcr = XmlText.pcrMismatch(h.trustReason);
            if (pcr != null) {
                grid.add("PCR", new Label(pcr.pcr), "host-trust-pcr");
                grid.add("Expected", copyable(pcr.expected, "host-trust-expected"), "host-trust-expected-row");
                grid.add("Seen", copyable(pcr.seen, "host-trust-seen"), "host-trust-seen-row");
            }
            grid.add("Reason", copyable(h.trustReason, "host-trust-reason"), "host-trust-reason-row");
        }
        grid.add("Attestation identity (EK SHA-256)", h.ekFingerprint.isEmpty() ? new Label("not reported by the service")
                : copyable(h.ekFingerprint, "host-trust-ek"), "host-trust-ek-row");
        trust.add(grid);
        if (!trustedCluster) {
            trust.add(Forms.hint("The cluster's Trusted Service is off: this host is attested only when a VM that must run "
                    + "on a trusted host wants it."));
        }
    }

    /** A value shown shortened, the whole of it in its tooltip and behind a Copy button. */
    private static Widget copyable(String full, String id) {
        FlowPanel box = new FlowPanel();
        box.setStyleName("copyable");
        InlineLabel text = new InlineLabel(XmlText.shortenHex(full));
        text.getElement().setId(id);
        text.setTitle(full);
        text.getElement().setAttribute("data-full", full);
        Button copy = new Button("Copy");
        copy.setStyleName("copy");
        copy.getElement().setId(id + "-copy");
        copy.setTitle("Copy the full value");
        copy.addClickHandler(e -> {
            copyToClipboard(full);
            copy.setText("Copied");
        });
        box.add(text);
        box.add(copy);
        return box;
    }

    /** The Clipboard API where the page may use it; else a hidden text area and the older copy command. */
    private static native void copyToClipboard(String text) /*-{
        var doc = $doc;
        var fallback = function () {
            var area = doc.createElement('textarea');
            area.value = text;
            area.setAttribute('readonly', '');
            area.style.position = 'fixed';
            area.style.opacity = '0';
            doc.body.appendChild(area);
            area.select();
            try { doc.execCommand('copy'); } catch (e) { }
            doc.body.removeChild(area);
        };
        if ($wnd.navigator.clipboard && $wnd.navigator.clipboard.writeText) {
            $wnd.navigator.clipboard.writeText(text)['catch'](fallback);
        } else {
            fallback();
        }
    }-*/;

    private static final DateTimeFormat ABSOLUTE = DateTimeFormat.getFormat("yyyy-MM-dd HH:mm:ss");

    /** "2026-12-02 06:30:12 UTC (12 s ago)", or "never". */
    private static String when(String xmlDateTime) {
        double at = HostsTab.parseTime(xmlDateTime);
        if (Double.isNaN(at)) {
            return "never";
        }
        java.util.Date date = new java.util.Date((long) at);
        return ABSOLUTE.format(date, TimeZone.createTimeZone(0)) + " UTC ("
                + XmlText.age(Math.round((System.currentTimeMillis() - at) / 1000)) + ")";
    }

    /** "Re-attest now": the engine asks the service at once; the panel shows the answer's fresh verdict. */
    private void reattest() {
        if (host == null) {
            return;
        }
        Rows.Host h = host;
        reattesting = true;
        reattest.setEnabled(false);
        reattest.setText("Re-attesting\u2026");
        notice.clear();
        api.post("hosts/" + h.id + "/attest", "<action/>", (Element root) -> {
            reattesting = false;
            reattest.setText("Re-attest now");
            List<Rows.Host> answered = Rows.hosts(root);
            String level = answered.isEmpty() ? "" : answered.get(0).trustLevel;
            notice.info("Host " + h.name + " was re-attested: " + (level.isEmpty() ? "no verdict" : XmlText.label(level)) + ".");
            inventory.refresh();
        }, message -> {
            reattesting = false;
            reattest.setText("Re-attest now");
            notice.error(message);
            inventory.refresh();
        });
    }
}
