package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.TextBox;

/**
 * Edit Template: name, description, memory and CPUs (PUT /templates/{id}). Its cluster and "Run on Trusted
 * Host" are shown, not edited: a template moved or made untrusted would make VMs that run where its VMs
 * were not meant to.
 */
final class TemplateDialog extends FormDialog {
    private final Rows.Template template;
    private final TextBox name;
    private final TextBox description;
    private final TextBox memory;
    private final TextBox cpus;

    TemplateDialog(EngineApi api, Inventory inventory, Rows.Template template) {
        super("Edit Template", "template-edit-dialog", api, inventory);
        this.template = template;
        Forms.Grid grid = new Forms.Grid();
        name = grid.add("Name", Forms.text(template.name), "template-edit-name");
        description = grid.add("Description", Forms.text(template.description), "template-edit-description");
        grid.add("Cluster", new Label(template.clusterId == null ? "" : inventory.clusterName(template.clusterId)), "template-edit-cluster");
        memory = grid.add("Memory Size (MB)", Forms.text(template.memoryMb), "template-edit-memory");
        cpus = grid.add("Total Virtual CPUs", Forms.text(String.valueOf(Math.max(template.cpus, 1))), "template-edit-cpus");
        grid.add("Run on Trusted Host", new Label(template.trustedHost ? "yes (VMs made from it are trusted)" : "no"),
                "template-edit-trusted");
        setContent(grid);
    }

    @Override
    protected void onOk() {
        int memoryMb = parseInt(memory.getText(), -1);
        int cpuCount = parseInt(cpus.getText(), -1);
        if (!validSizes(memoryMb, cpuCount)) {
            return;
        }
        busy(true);
        api.put("templates/" + template.id, RequestXml.templateEdit(name.getText().trim(), description.getText(), memoryMb, cpuCount),
                root -> done(), this::showError);
    }
}
