package org.trustpool.webadmin.client;

import java.util.List;

import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.ListBox;

/**
 * Import a VM or template from the export directory into a cluster chosen here. The first request never
 * forces: when the export came from a trusted cluster and the chosen one is not trusted, the engine
 * refuses and says what would be lost; that refusal opens a confirmation with the engine's words, and
 * only "Import Anyway" sends the import again with force (which the engine audits).
 */
final class ImportDialog extends FormDialog {
    private final Notice notice;
    private final Rows.Export export;
    private final ListBox cluster = new ListBox();
    private final Label trustHint;

    ImportDialog(EngineApi api, Inventory inventory, Notice notice, Rows.Export export) {
        super(export.isVm() ? "Import Virtual Machine" : "Import Template", "import-dialog", api, inventory);
        this.notice = notice;
        this.export = export;
        FlowPanel panel = new FlowPanel();
        Forms.Grid grid = new Forms.Grid();
        grid.add(export.isVm() ? "VM" : "Template", new Label(export.name), "import-name");
        grid.add("Origin Cluster", new Label(export.originCluster), "import-origin");
        grid.add("Target Cluster", cluster, "import-cluster");
        panel.add(grid);
        Forms.fill(cluster, inventory.clusters, c -> c.id, c -> c.name, defaultTarget(inventory, export));
        trustHint = Forms.hint("");
        trustHint.getElement().setId("import-trust-hint");
        panel.add(trustHint);
        cluster.addChangeHandler(e -> showTrustHint());
        showTrustHint();
        setContent(panel);
    }

    /**
     * The cluster it came from when it exists here (the choice that keeps everything); else, for an export
     * from a trusted cluster, the first trusted cluster here; else none (the first in the list).
     */
    static String defaultTarget(Inventory inventory, Rows.Export export) {
        String firstTrusted = null;
        for (Rows.Cluster c : inventory.clusters) {
            if (c.name.equals(export.originCluster)) {
                return c.id;
            }
            if (c.trustedService && firstTrusted == null) {
                firstTrusted = c.id;
            }
        }
        return export.originTrusted ? firstTrusted : null;
    }

    /** For an export from a trusted cluster: which clusters here are trusted, and whether the chosen one is. */
    private void showTrustHint() {
        if (!export.originTrusted) {
            trustHint.setVisible(false);
            return;
        }
        List<String> trusted = inventory.trustedClusterNames();
        String chosen = cluster.getSelectedIndex() < 0 ? "" : cluster.getItemText(cluster.getSelectedIndex());
        StringBuilder text = new StringBuilder("It was exported from a trusted cluster. ");
        text.append(trusted.isEmpty() ? "No cluster here is trusted." : "Trusted clusters here: " + String.join(", ", trusted) + ".");
        if (!chosen.isEmpty() && !trusted.contains(chosen)) {
            // What the engine really does there: the VM-level flag travels with it and is still enforced.
            text.append(" Cluster ").append(chosen).append(" is not trusted: importing into it needs your confirmation. ")
                    .append(export.trustedHost
                            ? "It keeps Run on Trusted Host, so there it still starts only on hosts that pass attestation."
                            : "There it could run on any host of that cluster, attested or not.");
        }
        trustHint.setText(text.toString());
        trustHint.setVisible(true);
    }

    @Override
    protected void onOk() {
        String clusterId = Forms.value(cluster);
        if (clusterId == null) {
            showError("There is no cluster to import into.");
            return;
        }
        String clusterName = cluster.getItemText(cluster.getSelectedIndex());
        busy(true);
        send(clusterId, clusterName, false);
    }

    private void send(String clusterId, String clusterName, boolean confirmedTrustLoss) {
        String path = "exports/" + (export.isVm() ? "vms/" : "templates/") + export.id + "/import";
        api.postWithStatus(path, RequestXml.importInto(clusterId, confirmedTrustLoss), root -> {
            done();
            notice.info((export.isVm() ? "VM " : "Template ") + export.name + " was imported into cluster " + clusterName + ".");
        }, (status, message) -> {
            if (!confirmedTrustLoss && XmlText.asksToConfirmTrustLoss(status, message)) {
                new ImportConfirmDialog(message, () -> send(clusterId, clusterName, true), () -> busy(false)).open();
            } else {
                showError(message);
            }
        });
    }
}
