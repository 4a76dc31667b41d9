package org.trustpool.bll;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;

/**
 * The engine's front door for every state change. Runs outside any transaction: each command
 * opens its own, so validation never holds database locks and audit entries survive a rollback.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Backend {

    @Inject
    private CommandExecutor executor;

    @Inject
    private CommandRegistry registry;

    public ActionReturnValue runAction(ActionType type, ActionParametersBase parameters) {
        // Internal actions (InitVdsOnUp, SetNonOperationalVds) belong to monitoring and trust checks, never to a request.
        if (registry.isInternal(type)) {
            throw new IllegalArgumentException(type + " is internal to the engine");
        }
        return executor.runAction(type, parameters);
    }
}
