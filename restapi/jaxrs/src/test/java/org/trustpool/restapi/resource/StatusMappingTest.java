package org.trustpool.restapi.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.errors.EngineFault;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/** Which engine failure becomes which HTTP status. */
class StatusMappingTest {

    private static Response.Status statusFor(EngineMessage validation) {
        ActionReturnValue rv = new ActionReturnValue();
        rv.setValid(false);
        rv.getValidationMessages().add(ValidationResult.failWith(validation));
        return AbstractResource.statusOf(rv);
    }

    @Test
    void validationKindsMapTo400404409() {
        assertEquals(Response.Status.BAD_REQUEST, statusFor(EngineMessage.ACTION_TYPE_FAILED_NAME_INVALID));
        assertEquals(Response.Status.NOT_FOUND, statusFor(EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND));
        assertEquals(Response.Status.CONFLICT, statusFor(EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NAME_ALREADY_USED));
    }

    @Test
    void agentFailuresAre409AndEngineBugsAre500() {
        ActionReturnValue agent = new ActionReturnValue();
        agent.setFault(new EngineFault(EngineMessage.VDS_COMMAND_FAILED, "noMemory"));
        assertEquals(Response.Status.CONFLICT, AbstractResource.statusOf(agent));
        ActionReturnValue bug = new ActionReturnValue();
        bug.setFault(new EngineFault(EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, "NPE"));
        assertEquals(Response.Status.INTERNAL_SERVER_ERROR, AbstractResource.statusOf(bug));
    }
}
