package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.CheckBox;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.ListBox;
import com.google.gwt.user.client.ui.TextBox;

/** New/Edit Cluster: side tabs "General" and "Scheduling Policy". */
final class ClusterDialog extends FormDialog {
    /** oVirt's CPU type names; a cluster's own type is kept even when it is not among them. */
    static final String[] CPU_TYPES = {"Intel Nehalem Family", "Intel Westmere Family", "Intel SandyBridge Family",
            "Intel IvyBridge Family", "Intel Haswell Family", "Intel Broadwell Family", "Intel Skylake Server Family",
            "Intel Cascadelake Server Family", "Intel Icelake Server Family", "AMD Opteron G4", "AMD Opteron G5",
            "AMD EPYC"};
    static final String[] VERSIONS = {"4.7", "4.6", "4.5", "4.4", "4.3", "4.2"};
    static final String DEFAULT_CPU = "Intel SandyBridge Family";

    private final Rows.Cluster existing;
    private final TextBox name;
    private final TextBox description;
    private final ListBox dataCenter = new ListBox();
    private final ListBox cpu = new ListBox();
    private final ListBox version = new ListBox();
    private final CheckBox trustedService = new CheckBox("Enable Trusted Service");

    ClusterDialog(EngineApi api, Inventory inventory, Rows.Cluster existing) {
        super(existing == null ? "New Cluster" : "Edit Cluster", "cluster-dialog", api, inventory);
        this.existing = existing;

        Forms.Grid general = new Forms.Grid();
        name = general.add("Name", Forms.text(existing == null ? "" : existing.name), "cluster-name");
        description = general.add("Description", Forms.text(existing == null ? "" : existing.description), "cluster-description");
        general.add("Data Center", dataCenter, "cluster-datacenter");
        String dcId = existing != null ? existing.dataCenterId : null;
        if (dcId == null && !inventory.dataCenters.isEmpty()) {
            dcId = inventory.dataCenters.get(0).id;
            for (Rows.DataCenter d : inventory.dataCenters) {
                if ("Default".equals(d.name)) {
                    dcId = d.id;
                }
            }
        }
        Forms.fill(dataCenter, inventory.dataCenters, d -> d.id, d -> d.name, dcId);
        general.add("CPU Type", cpu, "cluster-cpu");
        String currentCpu = existing != null && !existing.cpuType.isEmpty() ? existing.cpuType : DEFAULT_CPU;
        boolean known = false;
        for (String type : CPU_TYPES) {
            cpu.addItem(type);
            known |= type.equals(currentCpu);
        }
        if (!known) {
            cpu.addItem(currentCpu);
        }
        Forms.select(cpu, currentCpu);
        general.add("Compatibility Version", version, "cluster-version");
        String currentVersion = existing != null && existing.version != null ? existing.version : VERSIONS[0];
        boolean knownVersion = false;
        for (String v : VERSIONS) {
            version.addItem(v);
            knownVersion |= v.equals(currentVersion);
        }
        if (!knownVersion) {
            version.addItem(currentVersion);
        }
        Forms.select(version, currentVersion);

        // The Scheduling Policy side tab is divided into two sections, as the feature's page draws it.
        FlowPanel scheduling = new FlowPanel();
        FlowPanel policy = Forms.section("scheduling policy", "cluster-section-scheduling-policy");
        policy.add(Forms.hint("The engine places each VM on the least loaded host that passes its filters: "
                + "the host is Up, in this cluster, and has enough free memory. A refused placement names the "
                + "reason for every host."));
        scheduling.add(policy);
        FlowPanel additional = Forms.section("additional properties", "cluster-section-additional-properties");
        trustedService.getElement().setId("cluster-trusted-service");
        trustedService.setValue(existing != null && existing.trustedService);
        trustedService.setVisible(Features.TRUSTED_SERVICE);
        additional.add(trustedService);
        if (Features.TRUSTED_SERVICE) {
            additional.add(Forms.hint("Hosts of a trusted cluster run VMs only while the attestation service "
                    + "vouches for their boot chain."));
        } else {
            additional.add(Forms.hint("No additional properties yet."));
        }
        scheduling.add(additional);

        SideTabs tabs = new SideTabs("cluster");
        tabs.add("general", "General", general);
        tabs.add("scheduling", "Scheduling Policy", scheduling);
        setContent(tabs);
    }

    @Override
    protected void onOk() {
        RequestXml.ClusterSpec spec = new RequestXml.ClusterSpec();
        spec.name = name.getText().trim();
        spec.description = description.getText();
        spec.dataCenterId = Forms.value(dataCenter);
        spec.cpuType = Forms.value(cpu);
        spec.version = Forms.value(version);
        spec.trustedService = trustedService.getValue();
        String xml = RequestXml.cluster(spec, Features.TRUSTED_SERVICE);
        busy(true);
        if (existing == null) {
            api.post("clusters", xml, root -> done(), this::showError);
        } else {
            api.put("clusters/" + existing.id, xml, root -> done(), this::showError);
        }
    }
}
