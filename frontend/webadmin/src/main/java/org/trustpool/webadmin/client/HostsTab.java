package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class HostsTab extends MainTab {
    private ListTable<Rows.Host> table;
    private final SearchBox<Rows.Host> search;
    private final HostDetails details;
    private final Button remove;
    private final Button activate;
    private final Button maintenance;
    private final Button add;
    private final Button edit;

    HostsTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        add = button("hosts-new", "Add Host", () -> {
            Rows.Host h = table.selected();
            new HostDialog(api, inventory, h != null ? h.clusterId : null).open();
        });
        edit = button("hosts-edit", "Edit", () -> new HostDialog(api, inventory, table.selected()).open());
        remove = button("hosts-remove", "Remove", () -> {
            Rows.Host h = table.selected();
            new ConfirmDialog("Remove Host", "Remove host " + h.name + "?",
                    () -> act("DELETE", "hosts/" + h.id, null, "Host " + h.name + " was removed.")).open();
        });
        activate = button("hosts-activate", "Activate", () -> {
            Rows.Host h = table.selected();
            act("POST", "hosts/" + h.id + "/activate", "<action/>", "Host " + h.name + " was activated.");
        });
        maintenance = button("hosts-maintenance", "Maintenance", () -> {
            Rows.Host h = table.selected();
            // Its VMs are migrated away first: a decision worth a second look, as in oVirt.
            confirmThenAct("Maintenance Host(s)", "Put host " + h.name + " into maintenance? Its running VMs are migrated"
                    + " to other hosts first.", "POST", "hosts/" + h.id + "/deactivate", "<action/>",
                    "Host " + h.name + " was put into maintenance.");
        });
        search = new SearchBox<>(api, inventory, "hosts", "hosts", Rows::hosts, this::render);
        setSearch(search);
        table = new ListTable<Rows.Host>("hosts", h -> h.id, h -> h.name)
                .column("name", "Name", h -> h.name)
                .column("address", "Address", h -> h.address + (h.port.isEmpty() ? "" : ":" + h.port))
                .column("cluster", "Cluster", h -> inventory.clusterName(h.clusterId))
                .column("status", "Status", h -> statusLabel(h.status), h -> statusStyle(h.status))
                .column("detail", "Status Detail", h -> h.statusDetail)
                .column("trust", "Trust", HostsTab::trustText, h -> h.trustLevel.isEmpty() ? null : "trust-" + h.trustLevel)
                .title(h -> h.trustReason)
                .column("vms", "VMs", h -> h.activeVms)
                .column("memory", "Memory (MB)", h -> h.memoryMb);
        table.onSelectionChanged(this::selectionChanged);
        table.onActivated(() -> {
            if (table.selected() != null && inventory.choicesLoaded()) {
                new HostDialog(api, inventory, table.selected()).open();
            }
        });
        setList(table);
        bindPlace(table);
        details = new HostDetails(api, inventory, notice, this::placeChanged);
        addBelow(details);
        selectionChanged();
        add.setEnabled(false); // until the clusters have arrived
    }

    /** The verdict of an attested host, how old it is, and why not when it is not trusted (digests shortened). */
    static String trustText(Rows.Host h) {
        String age = "";
        double at = parseTime(h.trustTime);
        if (!Double.isNaN(at)) {
            age = XmlText.age(Math.round((System.currentTimeMillis() - at) / 1000));
        }
        return XmlText.trust(h.trustLevel, age, h.trustReason);
    }

    /** Milliseconds since the epoch of an xsd:dateTime, NaN when there is none. */
    static native double parseTime(String xmlDateTime) /*-{
        if (!xmlDateTime) {
            return NaN;
        }
        return Date.parse(xmlDateTime);
    }-*/;

    /** Where the engine accepts Activate (ActivateVdsCommand). */
    static boolean activatable(String status) {
        return in(status, "maintenance", "non_operational", "non_responsive", "error", "install_failed", "down");
    }

    /** Where the engine accepts Maintenance (MaintenanceVdsCommand). */
    static boolean maintainable(String status) {
        return in(status, "up", "non_operational", "non_responsive", "initializing", "installing", "error", "install_failed");
    }

    /** Where the engine accepts Remove (RemoveVdsCommand): never while the host is Up. */
    static boolean removable(String status) {
        return in(status, "maintenance", "non_responsive", "non_operational", "installing", "install_failed", "down", "error");
    }

    /** Where "Re-attest now" makes sense (ReattestVdsCommand): the agent runs and has a boot chain to vouch for. */
    static boolean attestable(String status) {
        return in(status, "up", "non_operational", "maintenance");
    }

    static boolean in(String status, String... allowed) {
        for (String a : allowed) {
            if (a.equals(status)) {
                return true;
            }
        }
        return false;
    }

    /** Actions are offered where the engine would accept them; it still checks, and says why when it refuses. */
    private void selectionChanged() {
        Rows.Host h = table.selected();
        boolean selected = h != null;
        remove.setEnabled(selected && removable(h.status));
        edit.setEnabled(selected && inventory.choicesLoaded());
        activate.setEnabled(selected && activatable(h.status));
        maintenance.setEnabled(selected && maintainable(h.status));
        details.show(h);
    }

    /** "{id}" or "{id}/{sub-tab}" (General is the default and is left out). */
    @Override
    String place() {
        String id = super.place();
        if (id.isEmpty() || details == null || "general".equals(details.subTab())) {
            return id;
        }
        return id + "/" + details.subTab();
    }

    @Override
    void showPlace(String place) {
        String p = place == null ? "" : place;
        int slash = p.indexOf('/');
        super.showPlace(slash < 0 ? p : p.substring(0, slash));
        details.showSubTab(slash < 0 ? "general" : p.substring(slash + 1));
    }

    @Override
    protected void render() {
        add.setEnabled(inventory.choicesLoaded());
        table.setRows(search.rows(inventory.hosts));
        edit.setEnabled(table.selected() != null && inventory.choicesLoaded());
    }
}
