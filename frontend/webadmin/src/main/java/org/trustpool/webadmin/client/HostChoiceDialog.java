package org.trustpool.webadmin.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.RadioButton;

/**
 * Run Once and Migrate: either the scheduler chooses the host, or the administrator does (among the Up
 * hosts of the VM's cluster). The engine still checks the choice and says why when it refuses.
 */
final class HostChoiceDialog extends FormDialog {
    private final Rows.Vm vm;
    private final String action;
    private final RadioButton automatic;
    private final RadioButton manual;
    private final ListBox host = new ListBox();

    /** action: "start" (Run Once) or "migrate". */
    HostChoiceDialog(EngineApi api, Inventory inventory, Rows.Vm vm, String action) {
        super("start".equals(action) ? "Run Virtual Machine(s) Once" : "Migrate Virtual Machine(s)",
                "start".equals(action) ? "runonce-dialog" : "migrate-dialog", api, inventory);
        this.vm = vm;
        this.action = action;
        String id = "start".equals(action) ? "runonce" : "migrate";
        FlowPanel panel = new FlowPanel();
        Label what = new Label("VM: " + vm.name);
        what.getElement().setId(id + "-vm");
        panel.add(what);
        automatic = new RadioButton(id + "-choice", "Select Host Automatically");
        manual = new RadioButton(id + "-choice", "start".equals(action) ? "Run on Host" : "Select Destination Host");
        automatic.getElement().setId(id + "-auto");
        manual.getElement().setId(id + "-manual");
        automatic.setStyleName("radio-row");
        manual.setStyleName("radio-row");
        host.getElement().setId(id + "-host");
        host.addStyleName("indented");
        panel.add(automatic);
        panel.add(manual);
        panel.add(host);
        List<Rows.Host> candidates = new ArrayList<>();
        for (Rows.Host h : inventory.hostsIn(vm.clusterId)) {
            if ("up".equals(h.status) && !h.id.equals(vm.hostId)) {
                candidates.add(h);
            }
        }
        Forms.fill(host, candidates, h -> h.id, h -> h.name, null);
        // The scheduler chooses unless the administrator picks a host: a default host would send the VM
        // somewhere nobody chose (and past the scheduler's trust and capacity weighing).
        automatic.setValue(true);
        automatic.addValueChangeHandler(e -> host.setEnabled(false));
        manual.addValueChangeHandler(e -> host.setEnabled(true));
        host.setEnabled(manual.getValue());
        setContent(panel);
    }

    @Override
    protected void onOk() {
        String hostId = manual.getValue() ? Forms.value(host) : null;
        if (manual.getValue() && hostId == null) {
            showError("No other host of the VM's cluster is Up.");
            return;
        }
        busy(true);
        api.post("vms/" + vm.id + "/" + action, RequestXml.action(hostId), root -> done(), this::showError);
    }
}
