package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class HostsTab extends MainTab {
    private ListTable<Rows.Host> table;
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
            act("POST", "hosts/" + h.id + "/deactivate", "<action/>", "Host " + h.name + " was put into maintenance.");
        });
        table = new ListTable<Rows.Host>("hosts", h -> h.id, h -> h.name)
                .column("name", "Name", h -> h.name)
                .column("address", "Address", h -> h.address + (h.port.isEmpty() ? "" : ":" + h.port))
                .column("cluster", "Cluster", h -> inventory.clusterName(h.clusterId))
                .column("status", "Status", h -> h.status, h -> statusStyle(h.status))
                .column("detail", "Status Detail", h -> h.statusDetail)
                .column("trust", "Trust", HostsTab::trustText, h -> h.trustLevel.isEmpty() ? null : "trust-" + h.trustLevel)
                .title(h -> h.trustReason)
                .column("vms", "VMs", h -> h.activeVms)
                .column("memory", "Memory (MB)", h -> h.memoryMb);
        table.onSelectionChanged(this::selectionChanged);
        setList(table);
        selectionChanged();
        add.setEnabled(false); // until the clusters have arrived
    }

    /** The verdict of an attested host, how old it is, and why not when it is not trusted. */
    static String trustText(Rows.Host h) {
        String age = "";
        double at = parseTime(h.trustTime);
        if (!Double.isNaN(at)) {
            age = XmlText.age(Math.round((System.currentTimeMillis() - at) / 1000));
        }
        return XmlText.trust(h.trustLevel, age, h.trustReason);
    }

    /** Milliseconds since the epoch of an xsd:dateTime, NaN when there is none. */
    private static native double parseTime(String xmlDateTime) /*-{
        if (!xmlDateTime) {
            return NaN;
        }
        return Date.parse(xmlDateTime);
    }-*/;

    /** Every action is offered on a selected host; the engine says when one does not apply. */
    private void selectionChanged() {
        boolean selected = table.selected() != null;
        remove.setEnabled(selected);
        edit.setEnabled(selected && inventory.choicesLoaded());
        activate.setEnabled(selected);
        maintenance.setEnabled(selected);
    }

    @Override
    protected void render() {
        add.setEnabled(inventory.choicesLoaded());
        table.setRows(inventory.hosts);
        edit.setEnabled(table.selected() != null && inventory.choicesLoaded());
    }
}
