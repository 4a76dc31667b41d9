package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class TemplatesTab extends MainTab {
    /** The Blank template's id, the same in every oVirt setup. */
    static final String BLANK_ID = "00000000-0000-0000-0000-000000000000";

    private ListTable<Rows.Template> table;
    private final SearchBox<Rows.Template> search;
    private Button newVm;
    private Button edit;
    private Button remove;
    private Button export;

    TemplatesTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        // A VM from the selected template, in the template's cluster (the VM dialog shows what it inherits, trust included).
        newVm = button("templates-newvm", "New VM", () -> {
            Rows.Template t = table.selected();
            if (t != null) {
                new VmDialog(api, inventory, null, t).open();
            }
        });
        edit = button("templates-edit", "Edit", this::edit);
        remove = button("templates-remove", "Remove", () -> {
            Rows.Template t = table.selected();
            new ConfirmDialog("Remove Template", "Remove template " + t.name + "?",
                    () -> act("DELETE", "templates/" + t.id, null, "Template " + t.name + " was removed.")).open();
        });
        export = button("templates-export", "Export", () -> ExportDialog.forTemplate(api, inventory, notice, table.selected()).open());
        search = new SearchBox<>(api, inventory, "templates", "templates", Rows::templates, this::render);
        setSearch(search);
        table = new ListTable<Rows.Template>("templates", t -> t.id, t -> t.name)
                .column("name", "Name", t -> t.name)
                .column("description", "Description", t -> t.description)
                .column("cluster", "Cluster", t -> t.clusterId == null ? "" : inventory.clusterName(t.clusterId))
                .column("memory", "Memory (MB)", t -> t.memoryMb)
                .column("cpus", "CPUs", t -> String.valueOf(t.cpus))
                .column("status", "Status", t -> statusLabel(t.status))
                .column("trusted", "Run on Trusted Host", t -> t.trustedHost ? "yes" : "no")
                .column("created", "Created", t -> t.created);
        table.onSelectionChanged(this::selectionChanged);
        table.onActivated(this::edit);
        setList(table);
        bindPlace(table);
        selectionChanged();
    }

    private void edit() {
        Rows.Template t = table.selected();
        if (t != null && !BLANK_ID.equals(t.id)) {
            new TemplateDialog(api, inventory, t).open();
        }
    }

    private void selectionChanged() {
        Rows.Template t = table.selected();
        remove.setEnabled(t != null && !BLANK_ID.equals(t.id)); // the engine never removes or edits Blank
        edit.setEnabled(t != null && !BLANK_ID.equals(t.id));
        newVm.setEnabled(t != null && inventory.choicesLoaded());
        // Blank is every setup's own starting point, not something to carry elsewhere (the engine refuses it too).
        export.setEnabled(t != null && !BLANK_ID.equals(t.id));
    }

    @Override
    protected void render() {
        table.setRows(search.rows(inventory.templates));
    }
}
