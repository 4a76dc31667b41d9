package org.trustpool.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;

/**
 * Two commands on one VM at once, inside WildFly: while the first one's agent call runs (the VM is in
 * flight in the engine's LockManager), a second one on the same VM is refused at once with a message
 * that names what it waits for, and never reaches the agent.
 */
@ExtendWith(ArquillianExtension.class)
class LockContentionIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return EngineArchive.with(LockContentionIT.class);
    }

    @Inject
    EngineFixture engine;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    @Test
    void aSecondCommandOnAVmBeingStartedIsRefusedWithAClearMessage() throws Exception {
        try (AgentStandIn agent = AgentStandIn.start(EngineFixture.standInPort(2))) {
            Vds host = engine.addHostAndWaitUp("arq-lock-host", agent.port());
            UUID vmId = engine.addVm("arq-lock-vm", 512);
            agent.delayCreate(Duration.ofSeconds(4));

            Future<ActionReturnValue> first = executor.submit(() -> engine.run(ActionType.RunVm, new RunVmParameters(vmId, null)));
            EngineFixture.await("the first start at the agent", Duration.ofSeconds(10), () -> agent.createCalls() == 1);
            assertEquals(VMStatus.WaitForLaunch, engine.vm(vmId).getDynamicData().getStatus(), "the first start has reserved the host");

            long began = System.nanoTime();
            ActionReturnValue secondRun = engine.run(ActionType.RunVm, new RunVmParameters(vmId, null));
            ActionReturnValue stop = engine.run(ActionType.StopVm, new IdParameters(vmId));
            long refusedWithinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            for (ActionReturnValue refused : new ActionReturnValue[] {secondRun, stop}) {
                assertFalse(refused.getSucceeded());
                assertFalse(refused.isValid(), "refused before it began, not failed: " + refused.getMessageTexts());
                assertEquals(EngineMessage.ACTION_TYPE_FAILED_OBJECT_BUSY, refused.getValidationMessages().get(0).getMessage());
                String text = String.join(" ", refused.getMessageTexts());
                assertTrue(text.contains("VM arq-lock-vm is being started on host " + host.getName()),
                        "the refusal names the operation in the way: " + text);
            }
            assertTrue(refusedWithinMillis < 2_000, "refused at once, not after waiting for the first (" + refusedWithinMillis + " ms)");
            assertEquals(1, agent.createCalls(), "the refused commands never reached the agent");

            ActionReturnValue firstResult = first.get(20, TimeUnit.SECONDS);
            assertTrue(firstResult.getSucceeded(), "the first start completes: " + firstResult.getMessageTexts());
            assertEquals(VMStatus.Up, engine.vm(vmId).getDynamicData().getStatus());
            assertEquals(host.getId(), engine.vm(vmId).getDynamicData().getRunOnVds());

            // once the first has ended, the VM is free for the next command
            agent.delayCreate(Duration.ZERO);
            ActionReturnValue stopped = engine.run(ActionType.StopVm, new IdParameters(vmId));
            assertTrue(stopped.getSucceeded(), "StopVm after the start ended: " + stopped.getMessageTexts());
        }
    }
}
