package org.trustpool.restapi.resource;

import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.Event;
import org.trustpool.api.model.Events;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.restapi.types.EventMapper;
import org.trustpool.restapi.util.SearchQuery;
import org.trustpool.restapi.util.FaultException;

/** The audit log, newest first. */
@Path("/events")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
public class EventsResource {
    /** Without max= a client gets this many: the audit log grows without end. */
    private static final int DEFAULT_MAX = 1000;

    @Inject
    private AuditLogDao auditLogDao;

    /**
     * How far back a search looks: the newest entries only, filtered in memory, so a search costs what a list
     * of this many costs. Kept to what an administrator reads back through (the portal repeats its Events
     * search every few seconds, and any reader may search), not the whole log.
     */
    static final int SEARCHED = 10_000;

    /** oVirt's ?search= over the fields an administrator filters the audit log by (severity=error, host=host-04). */
    private static final Map<String, Function<AuditLog, String>> SEARCH = Map.of(
            "severity", e -> EventMapper.map(e.getSeverity()),
            "type", AuditLog::getLogType,
            "host", AuditLog::getVdsName,
            "vm", AuditLog::getVmName,
            "cluster", AuditLog::getClusterName,
            "user", AuditLog::getUserName,
            "message", AuditLog::getMessage);

    @GET
    public Events list(@QueryParam("search") String search, @QueryParam("max") Integer max) {
        Events events = new Events();
        int n = max == null || max < 0 ? DEFAULT_MAX : Math.min(max, 100_000);
        if (search == null || search.isBlank()) {
            auditLogDao.getAll(n).stream().map(EventMapper::map).forEach(events.getEvent()::add);
            return events;
        }
        SearchQuery<AuditLog> query = SearchQuery.parse(search, SEARCH);
        auditLogDao.getAll(SEARCHED).stream().filter(query::matches).limit(n).map(EventMapper::map).forEach(events.getEvent()::add);
        return events;
    }

    @GET
    @Path("{id}")
    public Event get(@PathParam("id") String id) {
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw FaultException.notFound("Event " + id + " not found");
        }
        var entry = auditLogDao.get(eventId);
        if (entry == null) {
            throw FaultException.notFound("Event " + id + " not found");
        }
        return EventMapper.map(entry);
    }
}
