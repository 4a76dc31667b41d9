package org.trustpool.restapi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Cpu;
import org.trustpool.api.model.CpuTopology;
import org.trustpool.api.model.HighAvailability;
import org.trustpool.api.model.Vm;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.restapi.types.ClusterMapper;
import org.trustpool.restapi.types.VmMapper;

/** The fields a PUT names, found through the real mappers, whatever values it gives them. */
class NamedFieldsTest {

    private static Set<String> named(Vm model) {
        return NamedFields.of(probe -> VmMapper.map(model, probe), VmStatic::new, UpdatableFields.VM);
    }

    @Test
    void onlyTheElementsInTheRequestAreNamed() {
        Vm memory = new Vm();
        memory.setMemory(2L * 1024 * 1024 * 1024);
        assertEquals(Set.of("memory"), named(memory));

        Vm trust = new Vm();
        trust.setTrustedHostFlag(false); // a false is named too: it is not "absent"
        assertEquals(Set.of("trusted_host_flag"), named(trust));

        Vm several = new Vm();
        several.setDescription("");
        HighAvailability ha = new HighAvailability();
        ha.setEnabled(true);
        several.setHighAvailability(ha);
        Cpu cpu = new Cpu();
        CpuTopology topology = new CpuTopology();
        topology.setSockets(2);
        topology.setCores(1);
        topology.setThreads(1);
        cpu.setTopology(topology);
        several.setCpu(cpu);
        assertEquals(Set.of("description", "high_availability", "cpus"), named(several));

        assertEquals(Set.of(), named(new Vm()), "an empty <vm/> changes nothing");
    }

    @Test
    void clusterFields() {
        org.trustpool.api.model.Cluster model = new org.trustpool.api.model.Cluster();
        model.setTrustedService(true);
        model.setName("renamed");
        assertEquals(Set.of("trusted_service", "name"),
                NamedFields.of(probe -> ClusterMapper.map(model, probe), Cluster::new, UpdatableFields.CLUSTER));
    }
}
