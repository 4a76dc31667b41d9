package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.TextBox;

/**
 * New Host, and Edit Host: the host agent's address and port, and the cluster it belongs to. An edit
 * sends only what the administrator changed, so it never writes back what someone else changed meanwhile;
 * the engine accepts a new name, address or cluster only while the host is in Maintenance.
 */
final class HostDialog extends FormDialog {
    /** VDSM's port, which the host agents use unless told otherwise. */
    static final int DEFAULT_PORT = 54321;

    private final Rows.Host existing;
    private final TextBox name;
    private final TextBox address;
    private final TextBox port;
    private final ListBox cluster = new ListBox();

    HostDialog(EngineApi api, Inventory inventory, String clusterId) {
        this(api, inventory, clusterId, null);
    }

    /** Edit Host for {@code existing}. */
    HostDialog(EngineApi api, Inventory inventory, Rows.Host existing) {
        this(api, inventory, existing.clusterId, existing);
    }

    private HostDialog(EngineApi api, Inventory inventory, String clusterId, Rows.Host existing) {
        super(existing == null ? "New Host" : "Edit Host", "host-dialog", api, inventory);
        this.existing = existing;
        Forms.Grid grid = new Forms.Grid();
        name = grid.add("Name", Forms.text(existing == null ? "" : existing.name), "host-name");
        address = grid.add("Address", Forms.text(existing == null ? "" : existing.address), "host-address");
        port = grid.add("Port", Forms.text(existing == null ? String.valueOf(DEFAULT_PORT) : existing.port), "host-port");
        grid.add("Host Cluster", cluster, "host-cluster");
        Forms.fill(cluster, inventory.clusters, c -> c.id, c -> c.name, clusterId);
        if (existing != null && !"maintenance".equals(existing.status)) {
            grid.add("", Forms.hint("Name, address and cluster can change only while the host is in Maintenance."), "host-edit-hint");
        }
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
        if (existing == null) {
            api.post("hosts", RequestXml.host(name.getText().trim(), address.getText().trim(), portNumber, Forms.value(cluster)),
                    root -> done(), this::showError);
            return;
        }
        String newName = name.getText().trim();
        String newAddress = address.getText().trim();
        String newPort = String.valueOf(portNumber);
        String newCluster = Forms.value(cluster);
        api.put("hosts/" + existing.id, RequestXml.hostEdit(
                        newName.equals(existing.name) ? null : newName,
                        newAddress.equals(existing.address) ? null : newAddress,
                        newPort.equals(existing.port) ? null : newPort,
                        newCluster == null || newCluster.equals(existing.clusterId) ? null : newCluster),
                root -> done(), this::showError);
    }
}
