package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.UpdateVmTemplateParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/** Edit Template: name, description, memory, CPUs; never its cluster or trust; never Blank. */
class UpdateVmTemplateCommandTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.trustedCluster("secure");

    private VmTemplate template(String name) {
        VmTemplate t = new VmTemplate();
        t.setId(UUID.randomUUID());
        t.setName(name);
        t.setDescription("old");
        t.setClusterId(cluster.getId());
        t.setMemSizeMb(512);
        t.setNumOfCpus(1);
        t.setTrustedHostFlag(true);
        when(f.vmTemplateDao.get(t.getId())).thenReturn(t);
        when(f.vmTemplateDao.getByName(name)).thenReturn(t);
        return t;
    }

    @Test
    void whatIsNamedChangesTheRestAndTheTrustStay() {
        VmTemplate t = template("web");
        ActionReturnValue rv = f.executor.runAction(ActionType.UpdateVmTemplate,
                new UpdateVmTemplateParameters(t.getId(), "web-2", null, 1024, null));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        ArgumentCaptor<VmTemplate> saved = ArgumentCaptor.forClass(VmTemplate.class);
        verify(f.vmTemplateDao).update(saved.capture());
        assertEquals("web-2", saved.getValue().getName());
        assertEquals("old", saved.getValue().getDescription());
        assertEquals(1024, saved.getValue().getMemSizeMb());
        assertEquals(1, saved.getValue().getNumOfCpus());
        assertEquals(cluster.getId(), saved.getValue().getClusterId());
        assertTrue(saved.getValue().isTrustedHostFlag());
    }

    @Test
    void aTakenNameBadSizesAndBlankAreRefused() {
        VmTemplate t = template("web");
        template("db");
        ActionReturnValue taken = f.executor.runAction(ActionType.UpdateVmTemplate, new UpdateVmTemplateParameters(t.getId(), "db", null, null, null));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NAME_ALREADY_USED, taken.getValidationMessages().get(0).getMessage());
        ActionReturnValue memory = f.executor.runAction(ActionType.UpdateVmTemplate, new UpdateVmTemplateParameters(t.getId(), null, null, 0, null));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_MEMORY_INVALID, memory.getValidationMessages().get(0).getMessage());
        ActionReturnValue cpus = f.executor.runAction(ActionType.UpdateVmTemplate, new UpdateVmTemplateParameters(t.getId(), null, null, null, 0));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CPU_COUNT_INVALID, cpus.getValidationMessages().get(0).getMessage());
        VmTemplate blank = template("Blank");
        blank.setId(VmTemplate.BLANK_TEMPLATE_ID);
        when(f.vmTemplateDao.get(VmTemplate.BLANK_TEMPLATE_ID)).thenReturn(blank);
        ActionReturnValue b = f.executor.runAction(ActionType.UpdateVmTemplate,
                new UpdateVmTemplateParameters(VmTemplate.BLANK_TEMPLATE_ID, null, "x", null, null));
        assertFalse(b.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CANNOT_EDIT_BLANK_TEMPLATE, b.getValidationMessages().get(0).getMessage());
        ActionReturnValue missing = f.executor.runAction(ActionType.UpdateVmTemplate,
                new UpdateVmTemplateParameters(UUID.randomUUID(), "x", null, null, null));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_NOT_FOUND, missing.getValidationMessages().get(0).getMessage());
        verify(f.vmTemplateDao, never()).update(any());
    }
}
