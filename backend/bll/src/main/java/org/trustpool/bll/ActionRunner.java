package org.trustpool.bll;

import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;

/** Runs a command through its whole life cycle. Commands use it to run other commands. */
public interface ActionRunner {
    ActionReturnValue runAction(ActionType type, ActionParametersBase parameters);
}
