package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.TextBox;

/** Make Template from a powered-off VM: POST /templates with the VM's id. */
final class MakeTemplateDialog extends FormDialog {
    private final Rows.Vm vm;
    private final TextBox name;
    private final TextBox description;

    MakeTemplateDialog(EngineApi api, Inventory inventory, Rows.Vm vm) {
        super("New Template", "template-dialog", api, inventory);
        this.vm = vm;
        Forms.Grid grid = new Forms.Grid();
        grid.add("From VM", new Label(vm.name), "template-vm");
        name = grid.add("Name", Forms.text(""), "template-name");
        description = grid.add("Description", Forms.text(""), "template-description");
        setContent(grid);
    }

    @Override
    protected void onOk() {
        busy(true);
        api.post("templates", RequestXml.template(name.getText().trim(), description.getText(), vm.id),
                root -> done(), this::showError);
    }
}
