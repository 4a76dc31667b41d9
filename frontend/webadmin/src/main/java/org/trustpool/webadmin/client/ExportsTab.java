package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

/**
 * What lies in the export directory (oVirt's export domain): the exported VMs and templates with the
 * trust they had where they came from, to import into a cluster here or to remove.
 */
final class ExportsTab extends MainTab {
    private ListTable<Rows.Export> table;
    private final Button importButton;
    private final Button remove;

    ExportsTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        importButton = button("exports-import", "Import", () -> new ImportDialog(api, inventory, notice, table.selected()).open());
        remove = button("exports-remove", "Remove", () -> {
            Rows.Export e = table.selected();
            String what = (e.isVm() ? "VM " : "Template ") + e.name;
            new ConfirmDialog(e.isVm() ? "Remove Exported VM" : "Remove Exported Template",
                    "Remove " + what + " from the export directory?",
                    () -> act("DELETE", "exports/" + (e.isVm() ? "vms/" : "templates/") + e.id, null,
                            what + " was removed from the export directory.")).open();
        });
        // A VM and a template may share a name (and an id space): the type is part of the key and the row id.
        table = new ListTable<Rows.Export>("exports", e -> e.type + ":" + e.id, e -> (e.isVm() ? "vm-" : "template-") + e.name)
                .column("type", "Type", e -> e.type)
                .column("name", "Name", e -> e.name)
                .column("origin", "Origin Cluster", e -> e.originCluster)
                .column("trusted", "Trusted Service", e -> e.originTrusted ? "yes" : "no")
                .column("trustedhost", "Run on Trusted Host", e -> e.trustedHost ? "yes" : "no")
                .column("description", "Description", e -> e.description);
        table.onSelectionChanged(this::selectionChanged);
        table.onActivated(() -> new ImportDialog(api, inventory, notice, table.selected()).open());
        setList(table);
        bindPlace(table);
        selectionChanged();
    }

    private void selectionChanged() {
        boolean selected = table.selected() != null;
        // The import dialog offers the clusters: not before they have arrived.
        importButton.setEnabled(selected && inventory.choicesLoaded());
        remove.setEnabled(selected);
    }

    @Override
    protected void render() {
        table.setRows(inventory.exports());
    }
}
