package org.trustpool.webadmin.client;

import java.util.List;

import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.RadioButton;
import com.google.gwt.user.client.ui.TextBox;

/**
 * New/Edit VM: the General side tab (name, description, cluster, "Based on Template", memory, CPUs) and the
 * Host side tab ("Run on" and the migration options).
 */
final class VmDialog extends FormDialog {
    private final Rows.Vm existing;
    private final TextBox name;
    private final TextBox description;
    private final ListBox cluster = new ListBox();
    private final ListBox template = new ListBox();
    private final TextBox memory;
    private final TextBox cpus;
    private final RadioButton anyHost = new RadioButton("vm-runon", "Any Host in Cluster");
    private final RadioButton specificHost = new RadioButton("vm-runon", "Specific Host");
    private final RadioButton trustedHost = new RadioButton("vm-runon", "Run on Trusted Host");
    private final ListBox host = new ListBox();
    private final ListBox migration = new ListBox();
    private final Label migrationHint = Forms.hint("");
    /** What "Run on Trusted Host" means in the chosen cluster (trusted or not). */
    private final Label trustedHint = Forms.hint("");

    VmDialog(EngineApi api, Inventory inventory, Rows.Vm existing) {
        this(api, inventory, existing, null);
    }

    /** fromTemplate: "New VM" on the Templates tab starts from that template, in its cluster. */
    VmDialog(EngineApi api, Inventory inventory, Rows.Vm existing, Rows.Template fromTemplate) {
        super(existing == null ? "New Virtual Machine" : "Edit Virtual Machine", "vm-dialog", api, inventory);
        this.existing = existing;

        Forms.Grid general = new Forms.Grid();
        name = general.add("Name", Forms.text(existing == null ? "" : existing.name), "vm-name");
        description = general.add("Description", Forms.text(existing == null ? "" : existing.description), "vm-description");
        general.add("Cluster", cluster, "vm-cluster");
        String clusterId = existing != null ? existing.clusterId
                : fromTemplate != null && fromTemplate.clusterId != null ? fromTemplate.clusterId : defaultClusterId();
        Forms.fill(cluster, inventory.clusters, c -> c.id, c -> c.name, clusterId);
        general.add("Based on Template", template, "vm-template");
        Forms.fill(template, inventory.templates, t -> t.id, t -> t.name,
                existing != null ? existing.templateId : fromTemplate != null ? fromTemplate.id : blankTemplateId());
        template.setEnabled(existing == null); // a VM's template is where it came from; it cannot change
        Rows.Template chosen = inventory.template(Forms.value(template));
        memory = general.add("Memory Size (MB)", Forms.text(existing != null ? existing.memoryMb
                : chosen != null ? chosen.memoryMb : "1024"), "vm-memory");
        cpus = general.add("Total Virtual CPUs", Forms.text(String.valueOf(existing != null ? existing.cpus
                : chosen != null ? Math.max(chosen.cpus, 1) : 1)), "vm-cpus");
        template.addChangeHandler(e -> {
            // A new VM starts with its template's hardware, as in oVirt.
            Rows.Template t = inventory.template(Forms.value(template));
            if (t != null) {
                memory.setText(t.memoryMb);
                cpus.setText(String.valueOf(Math.max(t.cpus, 1)));
                // A VM made from a trusted template is trusted (the engine makes it so): show it.
                if (Features.TRUSTED_HOST && t.trustedHost) {
                    trustedHost.setValue(true);
                    runOnChanged();
                } else if (trustedHost.getValue()) {
                    anyHost.setValue(true);
                    runOnChanged();
                }
            }
        });
        cluster.addChangeHandler(e -> {
            fillHosts(null);
            showTrustedHint();
        });

        FlowPanel hostTab = new FlowPanel();
        FlowPanel runOn = Forms.section("Run on", "vm-section-runon");
        anyHost.getElement().setId("vm-runon-any");
        specificHost.getElement().setId("vm-runon-specific");
        trustedHost.getElement().setId("vm-runon-trusted");
        anyHost.setStyleName("radio-row");
        specificHost.setStyleName("radio-row");
        trustedHost.setStyleName("radio-row");
        host.getElement().setId("vm-specific-host");
        host.addStyleName("indented");
        runOn.add(anyHost);
        runOn.add(specificHost);
        runOn.add(host);
        trustedHost.setVisible(Features.TRUSTED_HOST);
        runOn.add(trustedHost);
        trustedHint.getElement().setId("vm-trusted-hint");
        trustedHint.addStyleName("indented");
        runOn.add(trustedHint);
        hostTab.add(runOn);
        FlowPanel migrationOptions = Forms.section("Migration Options", "vm-section-migration");
        migration.addItem("migratable");
        migration.addItem("pinned");
        migration.getElement().setId("vm-migration");
        migrationHint.getElement().setId("vm-migration-hint");
        migrationOptions.add(migration);
        migrationOptions.add(migrationHint);
        hostTab.add(migrationOptions);
        anyHost.addValueChangeHandler(e -> runOnChanged());
        specificHost.addValueChangeHandler(e -> runOnChanged());
        trustedHost.addValueChangeHandler(e -> runOnChanged());

        fillHosts(existing != null ? existing.pinnedHostId : null);
        if (existing != null && existing.pinnedHostId != null) {
            specificHost.setValue(true);
        } else if (Features.TRUSTED_HOST && (existing != null ? existing.trustedHost : chosen != null && chosen.trustedHost)) {
            trustedHost.setValue(true);
        } else {
            anyHost.setValue(true);
        }
        Forms.select(migration, existing != null && "pinned".equals(existing.affinity) ? "pinned" : "migratable");
        runOnChanged();
        showTrustedHint();

        SideTabs tabs = new SideTabs("vm");
        tabs.add("general", "General", general);
        tabs.add("host", "Host", hostTab);
        setContent(tabs);
    }

    private String defaultClusterId() {
        for (Rows.Cluster c : inventory.clusters) {
            if ("Default".equals(c.name)) {
                return c.id;
            }
        }
        return inventory.clusters.isEmpty() ? null : inventory.clusters.get(0).id;
    }

    private String blankTemplateId() {
        for (Rows.Template t : inventory.templates) {
            if ("Blank".equals(t.name)) {
                return t.id;
            }
        }
        return null;
    }

    /** "Specific Host" offers the hosts of the chosen cluster. */
    private void fillHosts(String selectedHostId) {
        String keep = selectedHostId != null ? selectedHostId : Forms.value(host);
        List<Rows.Host> hosts = inventory.hostsIn(Forms.value(cluster));
        Forms.fill(host, hosts, h -> h.id, h -> h.name, keep);
    }

    /**
     * "Run on Trusted Host" is the VM-level guarantee; in a trusted cluster every VM has it already, in a
     * cluster that is not trusted it is what keeps this VM (alone) on attested hosts. Say which, here.
     */
    private void showTrustedHint() {
        Rows.Cluster chosen = null;
        for (Rows.Cluster c : inventory.clusters) {
            if (c.id.equals(Forms.value(cluster))) {
                chosen = c;
            }
        }
        if (!Features.TRUSTED_HOST || chosen == null) {
            trustedHint.setVisible(false);
            return;
        }
        trustedHint.setText(chosen.trustedService
                ? "Cluster " + chosen.name + " is trusted: every VM in it runs only on hosts the attestation service trusts, with or without this."
                : "Cluster " + chosen.name + " is not trusted: with this, this VM alone starts and migrates only on hosts of "
                        + chosen.name + " that the attestation service currently trusts (it is not started when there is none);"
                        + " the cluster's other VMs and hosts are not checked.");
        trustedHint.setVisible(true);
    }

    private void runOnChanged() {
        boolean specific = specificHost.getValue();
        host.setEnabled(specific);
        // A VM kept on one host does not migrate: "Specific Host" is sent as affinity pinned.
        if (specific) {
            Forms.select(migration, "pinned");
        }
        migration.setEnabled(!specific);
        if (trustedHost.getValue()) {
            migrationHint.setText("A trusted VM migrates only to trusted hosts (those the attestation service vouches for).");
        } else if (specific) {
            migrationHint.setText("A VM on a specific host is pinned to it and does not migrate.");
        } else {
            migrationHint.setText("");
        }
    }

    @Override
    protected void onOk() {
        RequestXml.VmSpec spec = new RequestXml.VmSpec();
        spec.name = name.getText().trim();
        spec.description = description.getText();
        spec.clusterId = Forms.value(cluster);
        spec.templateId = existing == null ? Forms.value(template) : null;
        int memoryMb = parseInt(memory.getText(), -1);
        int cpuCount = parseInt(cpus.getText(), -1);
        if (!validSizes(memoryMb, cpuCount)) {
            return;
        }
        spec.memoryMb = memoryMb;
        spec.cpus = cpuCount;
        if (specificHost.getValue()) {
            spec.runOn = RequestXml.RunOn.SPECIFIC_HOST;
            spec.hostId = Forms.value(host);
            if (spec.hostId == null) {
                showError("Choose the host for \"Specific Host\": the cluster has no hosts.");
                return;
            }
        } else if (Features.TRUSTED_HOST && trustedHost.getValue()) {
            spec.runOn = RequestXml.RunOn.TRUSTED_HOST;
        } else {
            spec.runOn = RequestXml.RunOn.ANY_HOST;
        }
        spec.affinity = Forms.value(migration);
        if (spec.clusterId == null) {
            showError("Choose a cluster.");
            return;
        }
        busy(true);
        send(RequestXml.vm(spec, Features.TRUSTED_HOST), false);
    }

    /**
     * The first request never forces. When the engine answers with its trust-loss question (a trusted
     * cluster's VM moved, or a trusted cluster's template used, into a cluster that is not trusted), its words
     * are shown and only "Move Anyway" / "Create Anyway" sends the same request again with force=true.
     */
    private void send(String xml, boolean confirmedTrustLoss) {
        String force = confirmedTrustLoss ? "?force=true" : "";
        // the question is a 409 with the engine's own words: any other refusal is an error, never a question
        EngineApi.Refusal refused = (status, message) -> {
            if (!confirmedTrustLoss && XmlText.asksToConfirmTrustLoss(status, message)) {
                new ImportConfirmDialog("vm-confirm", existing == null ? "Create Anyway" : "Move Anyway", message,
                        () -> send(xml, true), () -> busy(false)).open();
            } else {
                showError(message);
            }
        };
        if (existing == null) {
            api.postWithStatus("vms" + force, xml, root -> done(), refused);
        } else {
            api.putWithStatus("vms/" + existing.id + force, xml, root -> done(), refused);
        }
    }
}
