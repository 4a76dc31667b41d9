package org.trustpool.common.errors;

/** Why an action that passed validation failed while it ran (e.g. the host agent refused). */
public record EngineFault(EngineMessage message, String detail) {
}
