package org.trustpool.restapi.util;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import org.trustpool.api.model.Fault;

/**
 * Faults are written as XML by default; a client that asked for JSON (Accept: application/json
 * before any XML type) gets its faults as JSON too, including the 401 from authentication.
 */
@Provider
public class FaultMediaTypeFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Fault && wantsJson(request.getAcceptableMediaTypes())) {
            response.setEntity(response.getEntity(), response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
    }

    static boolean wantsJson(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return true;
            }
            if (type.getSubtype().endsWith("xml") || type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}
