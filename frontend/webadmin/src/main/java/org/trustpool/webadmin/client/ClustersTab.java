package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class ClustersTab extends MainTab {
    private ListTable<Rows.Cluster> table;
    private final SearchBox<Rows.Cluster> search;
    private final Button edit;
    private final Button remove;
    private final Button add;

    ClustersTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        add = button("clusters-new", "New", () -> new ClusterDialog(api, inventory, null).open());
        edit = button("clusters-edit", "Edit", this::edit);
        remove = button("clusters-remove", "Remove", () -> {
            Rows.Cluster c = table.selected();
            new ConfirmDialog("Remove Cluster", "Remove cluster " + c.name + "?",
                    () -> act("DELETE", "clusters/" + c.id, null, "Cluster " + c.name + " was removed.")).open();
        });
        search = new SearchBox<>(api, inventory, "clusters", "clusters", Rows::clusters, this::render);
        setSearch(search);
        table = new ListTable<Rows.Cluster>("clusters", c -> c.id, c -> c.name)
                .column("name", "Name", c -> c.name)
                .column("description", "Description", c -> c.description)
                .column("datacenter", "Data Center", c -> inventory.dataCenterName(c.dataCenterId))
                .column("cpu", "CPU Type", c -> c.cpuType)
                .column("version", "Compatibility Version", c -> c.version);
        if (Features.TRUSTED_SERVICE) {
            table.column("trusted", "Trusted", c -> c.trustedService ? "yes" : "no");
        }
        table.onSelectionChanged(this::selectionChanged);
        table.onActivated(this::edit);
        setList(table);
        bindPlace(table);
        selectionChanged();
        add.setEnabled(false); // until the data centers have arrived
    }

    private void edit() {
        Rows.Cluster c = table.selected();
        if (c != null) {
            new ClusterDialog(api, inventory, c).open();
        }
    }

    private void selectionChanged() {
        boolean selected = table.selected() != null;
        edit.setEnabled(selected);
        remove.setEnabled(selected);
    }

    @Override
    protected void render() {
        add.setEnabled(inventory.choicesLoaded());
        table.setRows(search.rows(inventory.clusters));
    }
}
