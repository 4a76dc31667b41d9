package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.CheckBox;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;

/**
 * oVirt's Export Virtual Machine / Export Template: writes the OVF into the export directory. An export
 * of the same VM or template already there is replaced only with Force Override; without it the engine
 * refuses, and says so in the dialog.
 */
final class ExportDialog extends FormDialog {
    private final Notice notice;
    /** "vms/{id}" or "templates/{id}". */
    private final String resource;
    private final String doneMessage;
    private final CheckBox force = new CheckBox("Force Override");

    static ExportDialog forVm(EngineApi api, Inventory inventory, Notice notice, Rows.Vm vm) {
        return new ExportDialog("Export Virtual Machine", api, inventory, notice, "vms/" + vm.id, "VM " + vm.name);
    }

    static ExportDialog forTemplate(EngineApi api, Inventory inventory, Notice notice, Rows.Template t) {
        return new ExportDialog("Export Template", api, inventory, notice, "templates/" + t.id, "Template " + t.name);
    }

    private ExportDialog(String title, EngineApi api, Inventory inventory, Notice notice, String resource, String what) {
        super(title, "export-dialog", api, inventory);
        this.notice = notice;
        this.resource = resource;
        this.doneMessage = what + " was exported.";
        FlowPanel panel = new FlowPanel();
        Label name = new Label(what);
        name.getElement().setId("export-what");
        panel.add(name);
        force.getElement().setId("export-force");
        force.setStyleName("radio-row");
        panel.add(force);
        panel.add(Forms.hint("Force Override replaces an export of it that is already in the export directory."));
        setContent(panel);
    }

    @Override
    protected void onOk() {
        busy(true);
        api.post(resource + "/export", RequestXml.export(force.getValue()), root -> {
            done();
            notice.info(doneMessage);
        }, this::showError);
    }
}
