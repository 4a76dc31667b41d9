package org.trustpool.restapi.resource;

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
import org.trustpool.restapi.types.EventMapper;
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

    @GET
    public Events list(@QueryParam("max") Integer max) {
        Events events = new Events();
        int n = max == null || max < 0 ? DEFAULT_MAX : Math.min(max, 100_000);
        auditLogDao.getAll(n).stream().map(EventMapper::map).forEach(events.getEvent()::add);
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
