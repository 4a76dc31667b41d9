package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.TextBox;

/** New Host: the host agent's address and port, and the cluster it joins. */
final class HostDialog extends FormDialog {
    /** VDSM's port, which the host agents use unless told otherwise. */
    static final int DEFAULT_PORT = 54321;

    private final TextBox name;
    private final TextBox address;
    private final TextBox port;
    private final ListBox cluster = new ListBox();

    HostDialog(EngineApi api, Inventory inventory, String clusterId) {
        super("New Host", "host-dialog", api, inventory);
        Forms.Grid grid = new Forms.Grid();
        name = grid.add("Name", Forms.text(""), "host-name");
        address = grid.add("Address", Forms.text(""), "host-address");
        port = grid.add("Port", Forms.text(String.valueOf(DEFAULT_PORT)), "host-port");
        grid.add("Host Cluster", cluster, "host-cluster");
        Forms.fill(cluster, inventory.clusters, c -> c.id, c -> c.name, clusterId);
        setContent(grid);
    }

    @Override
    protected void onOk() {
        int portNumber = parseInt(port.getText(), -1);
        if (portNumber < 0) {
            showError("The port must be a number.");
            return;
        }
        busy(true);
        api.post("hosts", RequestXml.host(name.getText().trim(), address.getText().trim(), portNumber, Forms.value(cluster)),
                root -> done(), this::showError);
    }
}
