package org.trustpool.restapi.resource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;

import org.trustpool.api.model.Action;
import org.trustpool.api.model.BaseResource;
import org.trustpool.bll.Backend;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VmTemplateDao;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.util.ActionWarnings;
import org.trustpool.restapi.util.FaultException;
import org.trustpool.restapi.util.RequestHeaders;
import org.trustpool.restapi.util.SearchQuery;

/** What every resource shares: running actions, turning their failures into faults, resolving references. */
abstract class AbstractResource {

    @EJB
    protected Backend backend;

    @Inject
    protected ClusterDao clusterDao;

    @Inject
    protected VdsDao vdsDao;

    @Inject
    protected VmTemplateDao vmTemplateDao;

    /** Set by AuthFilter for every request that got this far. */
    @Context
    protected SecurityContext security;

    @Context
    protected HttpHeaders headers;

    /** Where an action's warnings are kept until ActionWarnings writes them into the response. */
    @Context
    protected HttpServletRequest servletRequest;

    protected String userName() {
        return security.getUserPrincipal().getName();
    }

    /** Runs the action as the caller; a refusal or failure ends the request with a fault. */
    protected ActionReturnValue run(ActionType type, ActionParametersBase parameters) {
        parameters.setUserName(userName());
        // RequestHeaders checked it before the request got here; checked again so no other door skips it.
        String correlationId = headers.getHeaderString(RequestHeaders.CORRELATION_ID);
        RequestHeaders.checkCorrelationId(correlationId);
        parameters.setCorrelationId(correlationId);
        ActionReturnValue result = backend.runAction(type, parameters);
        ActionWarnings.add(servletRequest, result.getWarnings());
        if (!result.getSucceeded()) {
            throw new FaultException(statusOf(result), "Operation Failed", "[" + String.join("; ", result.getMessageTexts()) + "]");
        }
        return result;
    }

    static Response.Status statusOf(ActionReturnValue result) {
        EngineMessage.Kind kind = result.getFailureKind();
        if (result.getFault() != null && result.getFault().message() == EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED) {
            return Response.Status.INTERNAL_SERVER_ERROR;
        }
        if (kind == null) {
            return Response.Status.CONFLICT;
        }
        return switch (kind) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            default -> Response.Status.CONFLICT;
        };
    }

    /** Path ids that are not UUIDs name nothing: 404, as for an id that is not there. */
    protected static UUID pathId(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FaultException.notFound(what + " " + id + " not found");
        }
    }

    protected static <T> T found(T entity, String what, String id) {
        if (entity == null) {
            throw FaultException.notFound(what + " " + id + " not found");
        }
        return entity;
    }

    protected static void requireBody(Object body, String what) {
        if (body == null) {
            throw FaultException.badRequest("The request needs a <" + what + "> document.");
        }
    }

    /**
     * A reference given by id or by name; null when absent. Unknown references are 404, a reference
     * with neither is 400 ("A cluster reference needs an id or a name.").
     */
    protected static <T> T resolve(BaseResource ref, String what, String noun, Function<UUID, T> byId, Function<String, T> byName) {
        if (ref == null) {
            return null;
        }
        if (ref.getId() != null) {
            return found(byId.apply(Mappers.uuid(ref.getId())), what, ref.getId());
        }
        if (ref.getName() != null) {
            return found(byName.apply(ref.getName()), what, "'" + ref.getName() + "'");
        }
        throw FaultException.badRequest("A " + noun + " reference needs an id or a name.");
    }

    protected Cluster resolveCluster(BaseResource ref) {
        return resolve(ref, "Cluster", "cluster", clusterDao::get, clusterDao::getByName);
    }

    protected Vds resolveHost(BaseResource ref) {
        return resolve(ref, "Host", "host", vdsDao::get, vdsDao::getByName);
    }

    protected VmTemplate resolveTemplate(BaseResource ref) {
        return resolve(ref, "Template", "template", vmTemplateDao::get, vmTemplateDao::getByName);
    }

    /**
     * A query flag such as oVirt's ?force=true: "true" is yes, absent or "false" is no, anything else is a
     * 400 (a typo must not silently mean "no" and then be retried with a different spelling, nor "yes").
     */
    protected static boolean confirmed(String flag) {
        if (flag == null || flag.equalsIgnoreCase("false")) {
            return false;
        }
        if (flag.equalsIgnoreCase("true")) {
            return true;
        }
        throw FaultException.badRequest("force must be true or false, not '" + flag + "'.");
    }

    /** The answer to an action call, as oVirt gives it. */
    protected static Action completed(Action action) {
        Action answer = action != null ? action : new Action();
        answer.setStatus("complete");
        return answer;
    }

    /** oVirt's ?search= then ?max= (at most that many; absent or negative: all). */
    protected static <E> List<E> select(List<E> all, String search, Integer max, Map<String, Function<E, String>> fields) {
        SearchQuery<E> query = SearchQuery.parse(search, fields);
        return all.stream().filter(query::matches).limit(max == null || max < 0 ? Long.MAX_VALUE : max).toList();
    }
}
