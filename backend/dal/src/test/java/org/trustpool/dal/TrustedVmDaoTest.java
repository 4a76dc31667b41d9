package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

/** The VM-level trust flag travels through InsertVmStatic/UpdateVmStatic, the templates' procedures and both views. */
class TrustedVmDaoTest extends DaoTestBase {

    @Test
    void vmFlagIsStoredUpdatedAndShownInTheView() {
        VmStatic vm = addVm("trusted-vm", 512, VMStatus.Down, null);
        VmStaticDao statics = new VmStaticDao(dataSource);
        assertFalse(statics.get(vm.getId()).isTrustedHostFlag());
        vm.setTrustedHostFlag(true);
        statics.update(vm);
        assertTrue(statics.get(vm.getId()).isTrustedHostFlag());
        assertTrue(new VmDao(dataSource).get(vm.getId()).getStaticData().isTrustedHostFlag());
    }

    @Test
    void templateFlagIsStoredAndUpdated() {
        VmTemplateDao templates = new VmTemplateDao(dataSource);
        VmTemplate t = new VmTemplate();
        t.setId(UUID.randomUUID());
        t.setName("trusted-template");
        t.setClusterId(DEFAULT_CLUSTER_ID);
        t.setTrustedHostFlag(true);
        templates.save(t);
        assertTrue(templates.get(t.getId()).isTrustedHostFlag());
        t.setTrustedHostFlag(false);
        templates.update(t);
        assertFalse(templates.getByName("trusted-template").isTrustedHostFlag());
    }
}
