package org.trustpool.restapi.resource;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.DataCenter;
import org.trustpool.api.model.DataCenters;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.restapi.types.DataCenterMapper;

@Path("/datacenters")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
public class DataCentersResource extends AbstractResource {

    @Inject
    private StoragePoolDao storagePoolDao;

    @GET
    public DataCenters list() {
        DataCenters dataCenters = new DataCenters();
        storagePoolDao.getAll().stream().map(DataCenterMapper::map).forEach(dataCenters.getDataCenter()::add);
        return dataCenters;
    }

    @GET
    @Path("{id}")
    public DataCenter get(@PathParam("id") String id) {
        return DataCenterMapper.map(found(storagePoolDao.get(pathId(id, "Data center")), "Data center", id));
    }
}
