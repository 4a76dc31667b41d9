package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class TemplatesTab extends MainTab {
    private ListTable<Rows.Template> table;
    private Button remove;

    TemplatesTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        remove = button("templates-remove", "Remove", () -> {
            Rows.Template t = table.selected();
            new ConfirmDialog("Remove Template", "Remove template " + t.name + "?",
                    () -> act("DELETE", "templates/" + t.id, null, "Template " + t.name + " was removed.")).open();
        });
        table = new ListTable<Rows.Template>("templates", t -> t.id, t -> t.name)
                .column("name", "Name", t -> t.name)
                .column("description", "Description", t -> t.description)
                .column("cluster", "Cluster", t -> t.clusterId == null ? "" : inventory.clusterName(t.clusterId))
                .column("memory", "Memory (MB)", t -> t.memoryMb)
                .column("cpus", "CPUs", t -> String.valueOf(t.cpus))
                .column("status", "Status", t -> t.status)
                .column("created", "Created", t -> t.created);
        table.onSelectionChanged(() -> remove.setEnabled(table.selected() != null));
        setList(table);
        remove.setEnabled(false);
    }

    @Override
    protected void render() {
        table.setRows(inventory.templates);
    }
}
