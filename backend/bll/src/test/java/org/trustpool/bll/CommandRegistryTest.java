package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;

class CommandRegistryTest {
    private final CommandRegistry registry = new CommandRegistry();

    @ParameterizedTest
    @EnumSource(ActionType.class)
    void everyActionTypeHasACommand(ActionType type) {
        assertTrue(registry.isRegistered(type), type + " has no command");
    }

    @Test
    void wrongParameterTypeIsRefusedNotCast() {
        assertThrows(IllegalArgumentException.class,
                () -> registry.create(ActionType.AddCluster, new IdParameters(null), new CommandContext()));
    }

    @Test
    void onlyEngineActionsAreInternal() {
        assertTrue(registry.isInternal(ActionType.InitVdsOnUp));
        assertTrue(registry.isInternal(ActionType.SetNonOperationalVds));
        assertFalse(registry.isInternal(ActionType.RunVm));
    }
}
