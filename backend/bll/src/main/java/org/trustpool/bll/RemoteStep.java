package org.trustpool.bll;

import java.util.Set;
import java.util.function.Function;

/**
 * The part of a command that waits on the network (a host agent, or commands that call agents),
 * run by the CommandExecutor after executeCommand() committed what the command reserved (a VM in
 * WaitForLaunch with its host's memory counted, a host in PreparingForMaintenance ...) and after
 * every lock was released: no lock and no transaction is held while it waits. Then the outcome is
 * recorded in a new short transaction: onSuccess, or onFailure, which undoes the reservation and says
 * in words what state it left ("VM vm1 is Down again ..."); the executor adds those words to the
 * failure's message and to the command's failure audit entry.
 *
 * @param inFlight LockManager keys marked in flight meanwhile: other commands on them are refused
 *                 at once and monitoring leaves them to this command
 * @param what     words for that refusal: "being started on host h1"
 * @param call     the network call; throws EngineException (or anything) when it failed
 */
public record RemoteStep(Set<String> inFlight, String what, Runnable call, Runnable onSuccess, Function<EngineException, String> onFailure) {
}
