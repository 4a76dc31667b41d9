package org.trustpool.restapi.types;

import java.util.LinkedHashMap;
import java.util.Locale;

import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.Event;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.User;
import org.trustpool.api.model.Vm;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;

/**
 * AuditLog entity <-> {@code <event>}. code is the type's numeric code (oVirt's where oVirt has the
 * event); custom_data carries the custom values as a JSON object.
 */
public final class EventMapper {

    private EventMapper() {
    }

    public static Event map(AuditLog entity) {
        Event model = new Event();
        Mappers.identify(model, Hrefs.EVENTS, entity.getAuditLogId());
        if (entity.getAuditLogId() >= 0 && entity.getAuditLogId() <= Integer.MAX_VALUE) {
            model.setIndex((int) entity.getAuditLogId());
        }
        model.setDescription(entity.getMessage());
        Integer code = code(entity.getLogType());
        if (code != null) {
            model.setCode(code);
        }
        model.setSeverity(map(entity.getSeverity()));
        model.setTime(Mappers.toXml(entity.getLogTime()));
        model.setHost(Mappers.ref(new Host(), Hrefs.HOSTS, entity.getVdsId()));
        model.setVm(Mappers.ref(new Vm(), Hrefs.VMS, entity.getVmId()));
        model.setCluster(Mappers.ref(new Cluster(), Hrefs.CLUSTERS, entity.getClusterId()));
        if (entity.getUserName() != null) {
            // We know the user only by name.
            User user = new User();
            user.setName(entity.getUserName());
            model.setUser(user);
        }
        model.setCorrelationId(entity.getCorrelationId());
        if (entity.getCustomValues() != null && !entity.getCustomValues().isEmpty()) {
            model.setCustomData(CustomData.toJson(entity.getCustomValues()));
        }
        return model;
    }

    /** The numeric code of a stored type name; null for a name this engine no longer writes. */
    static Integer code(String logType) {
        if (logType == null) {
            return null;
        }
        try {
            return AuditLogType.valueOf(logType).getCode();
        } catch (IllegalArgumentException retired) {
            return null;
        }
    }

    /** normal, warning, error, alert. */
    public static String map(AuditLogSeverity severity) {
        return severity == null ? null : severity.name().toLowerCase(Locale.ROOT);
    }

    public static AuditLogSeverity mapSeverity(String severity) {
        try {
            return AuditLogSeverity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + severity + "'", e);
        }
    }

    /** Applies what the document names onto a copy of {@code existing} (a new entity when null). */
    public static AuditLog map(Event model, AuditLog existing) {
        AuditLog entity = copy(existing);
        if (model.getId() != null) {
            try {
                entity.setAuditLogId(Long.parseLong(model.getId().trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + model.getId() + "' is not a valid event id", e);
            }
        }
        if (model.getDescription() != null) {
            entity.setMessage(model.getDescription());
        }
        if (model.getSeverity() != null) {
            entity.setSeverity(mapSeverity(model.getSeverity()));
        }
        if (model.getTime() != null) {
            entity.setLogTime(Mappers.toInstant(model.getTime()));
        }
        if (Mappers.refId(model.getHost()) != null) {
            entity.setVdsId(Mappers.refId(model.getHost()));
        }
        if (Mappers.refId(model.getVm()) != null) {
            entity.setVmId(Mappers.refId(model.getVm()));
        }
        if (Mappers.refId(model.getCluster()) != null) {
            entity.setClusterId(Mappers.refId(model.getCluster()));
        }
        if (model.getUser() != null && model.getUser().getName() != null) {
            entity.setUserName(model.getUser().getName());
        }
        if (model.getCorrelationId() != null) {
            entity.setCorrelationId(model.getCorrelationId());
        }
        if (model.getCustomData() != null) {
            entity.setCustomValues(CustomData.fromJson(model.getCustomData()));
        }
        return entity;
    }

    static AuditLog copy(AuditLog from) {
        AuditLog to = new AuditLog();
        if (from != null) {
            to.setAuditLogId(from.getAuditLogId());
            to.setLogTime(from.getLogTime());
            to.setLogType(from.getLogType());
            to.setSeverity(from.getSeverity());
            to.setMessage(from.getMessage());
            to.setUserName(from.getUserName());
            to.setVdsId(from.getVdsId());
            to.setVdsName(from.getVdsName());
            to.setVmId(from.getVmId());
            to.setVmName(from.getVmName());
            to.setClusterId(from.getClusterId());
            to.setClusterName(from.getClusterName());
            to.setCorrelationId(from.getCorrelationId());
            to.setCustomValues(from.getCustomValues() == null ? null : new LinkedHashMap<>(from.getCustomValues()));
        }
        return to;
    }
}
