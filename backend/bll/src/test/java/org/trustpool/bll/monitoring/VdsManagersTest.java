package org.trustpool.bll.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

/** Monitoring cycles that outrun the threads queue one refresh per host, not one per cycle. */
class VdsManagersTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    /** No host is found: a refresh that runs reads nothing and does nothing. */
    private final MonitoringServices services = mock(MonitoringServices.class, RETURNS_DEEP_STUBS);
    /** An executor whose threads are all busy: what it is given waits here. */
    private final List<Runnable> waiting = new ArrayList<>();

    @Test
    void aHostWaitsInTheQueueOnceHoweverManyCyclesFallBehind() {
        VdsManagers managers = new VdsManagers(services, waiting::add);
        managers.refresh(Set.of(a, b));
        managers.refresh(Set.of(a, b));
        managers.refreshSoon(a);
        assertEquals(2, waiting.size(), "one waiting refresh per host");
        // once a's refresh starts, a later cycle may queue a again (the refresh finds no such host)
        waiting.remove(0).run();
        managers.refresh(Set.of(a, b));
        assertEquals(2, waiting.size(), "a queued again, b still waiting once");
    }

    @Test
    void aRefusedRefreshDoesNotKeepTheHostFromBeingQueuedLater() {
        boolean[] refuse = {true};
        VdsManagers managers = new VdsManagers(services, task -> {
            if (refuse[0]) {
                throw new RejectedExecutionException("shutting down");
            }
            waiting.add(task);
        });
        managers.refresh(Set.of(a));
        refuse[0] = false;
        managers.refresh(Set.of(a));
        assertEquals(1, waiting.size());
    }
}
