package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Button;

final class VmsTab extends MainTab {
    private ListTable<Rows.Vm> table;
    private final SearchBox<Rows.Vm> search;
    private final Button add;
    private final Button edit;
    private final Button remove;
    private final Button run;
    private final Button runOnce;
    private final Button stop;
    private final Button migrate;
    private final Button makeTemplate;
    private final Button export;

    VmsTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        add = button("vms-new", "New VM", () -> new VmDialog(api, inventory, null).open());
        edit = button("vms-edit", "Edit", this::edit);
        remove = button("vms-remove", "Remove", () -> {
            Rows.Vm vm = table.selected();
            new ConfirmDialog("Remove Virtual Machine", "Remove VM " + vm.name + "?",
                    () -> act("DELETE", "vms/" + vm.id, null, "VM " + vm.name + " was removed.")).open();
        });
        run = button("vms-run", "Run", () -> {
            Rows.Vm vm = table.selected();
            act("POST", "vms/" + vm.id + "/start", "<action/>", "VM " + vm.name + " was started.");
        });
        runOnce = button("vms-runonce", "Run Once", () -> new HostChoiceDialog(api, inventory, table.selected(), "start").open());
        stop = button("vms-stop", "Stop", () -> {
            Rows.Vm vm = table.selected();
            // Stop is a power-off: what the guest had not written is lost. Asked first, as in oVirt.
            confirmThenAct("Stop Virtual Machine(s)", "Stop VM " + vm.name + "? It is powered off at once, as if its power"
                    + " were cut.", "POST", "vms/" + vm.id + "/stop", "<action/>", "VM " + vm.name + " was stopped.");
        });
        migrate = button("vms-migrate", "Migrate", () -> new HostChoiceDialog(api, inventory, table.selected(), "migrate").open());
        makeTemplate = button("vms-maketemplate", "Make Template", () -> new MakeTemplateDialog(api, inventory, table.selected()).open());
        export = button("vms-export", "Export", () -> ExportDialog.forVm(api, inventory, notice, table.selected()).open());
        search = new SearchBox<>(api, inventory, "vms", "vms", Rows::vms, this::render);
        setSearch(search);
        table = new ListTable<Rows.Vm>("vms", vm -> vm.id, vm -> vm.name)
                .column("name", "Name", vm -> vm.name)
                .column("cluster", "Cluster", vm -> inventory.clusterName(vm.clusterId))
                .column("host", "Host", vm -> vm.hostId == null ? "" : inventory.hostName(vm.hostId))
                .column("status", "Status", vm -> statusLabel(vm.status), vm -> statusStyle(vm.status))
                .column("template", "Template", vm -> inventory.templateName(vm.templateId))
                .column("memory", "Memory (MB)", vm -> vm.memoryMb)
                .column("cpus", "CPUs", vm -> String.valueOf(vm.cpus))
                .column("runon", "Run On", vm -> vm.pinnedHostId != null ? inventory.hostName(vm.pinnedHostId)
                        : Features.TRUSTED_HOST && vm.trustedHost ? "Trusted Host" : "Any Host in Cluster")
                .column("migration", "Migration", vm -> vm.affinity)
                .column("description", "Description", vm -> vm.description);
        table.onSelectionChanged(this::selectionChanged);
        table.onActivated(this::edit);
        setList(table);
        bindPlace(table);
        selectionChanged();
        add.setEnabled(false); // until the clusters and templates have arrived
    }

    private void edit() {
        Rows.Vm vm = table.selected();
        if (vm != null) {
            new VmDialog(api, inventory, vm).open();
        }
    }

    /** Actions are offered where the engine would accept them (it still checks, and says why when it refuses). */
    private void selectionChanged() {
        Rows.Vm vm = table.selected();
        boolean selected = vm != null;
        boolean down = selected && "down".equals(vm.status);
        edit.setEnabled(selected);
        // A running VM is neither started again nor removed: stop it first.
        remove.setEnabled(down);
        run.setEnabled(down);
        runOnce.setEnabled(down);
        stop.setEnabled(selected && !down);
        migrate.setEnabled(selected && "up".equals(vm.status));
        // A template is made from a powered-off VM only (the engine checks it too).
        makeTemplate.setEnabled(selected && "down".equals(vm.status));
        // Only a powered-off VM is exported, as in oVirt (the engine checks it too).
        export.setEnabled(selected && "down".equals(vm.status));
    }

    @Override
    protected void render() {
        add.setEnabled(inventory.choicesLoaded());
        table.setRows(search.rows(inventory.vms));
    }
}
