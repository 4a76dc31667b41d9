package org.trustpool.restapi.resource;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import java.util.Map;
import java.util.function.Function;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.api.model.Clusters;
import org.trustpool.api.model.DataCenter;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.restapi.types.ClusterMapper;
import org.trustpool.restapi.util.NamedFields;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.util.FaultException;

@Path("/clusters")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class ClustersResource extends AbstractResource {
    /** oVirt's defaults for a cluster that names no version or CPU. */
    private static final String DEFAULT_VERSION = "4.7";
    private static final String DEFAULT_DATA_CENTER = "Default";

    @Inject
    private StoragePoolDao storagePoolDao;

    @GET
    public Clusters list(@QueryParam("search") String search, @QueryParam("max") Integer max) {
        Clusters clusters = new Clusters();
        select(clusterDao.getAll(), search, max, SEARCH).stream().map(ClusterMapper::map).forEach(clusters.getCluster()::add);
        return clusters;
    }

    private static final Map<String, Function<Cluster, String>> SEARCH = Map.of(
            "name", Cluster::getName,
            "datacenter", Cluster::getStoragePoolName);

    @GET
    @Path("{id}")
    public org.trustpool.api.model.Cluster get(@PathParam("id") String id) {
        return ClusterMapper.map(found(clusterDao.get(pathId(id, "Cluster")), "Cluster", id));
    }

    @POST
    public Response add(org.trustpool.api.model.Cluster model) {
        requireBody(model, "cluster");
        Cluster base = new Cluster();
        base.setCompatibilityVersion(DEFAULT_VERSION);
        base.setStoragePoolId(resolveDataCenter(model.getDataCenter()).getId());
        // The data center was resolved above (by id or name); the mapper must not see a name-only reference.
        model.setDataCenter(null);
        model.setId(null);
        Cluster cluster = ClusterMapper.map(model, base);
        UUID id = run(ActionType.AddCluster, new ClusterOperationParameters(cluster)).getActionReturnValue();
        return Response.created(URI.create(Hrefs.of(Hrefs.CLUSTERS, id)))
                .entity(ClusterMapper.map(clusterDao.get(id))).build();
    }

    @PUT
    @Path("{id}")
    public org.trustpool.api.model.Cluster update(@PathParam("id") String id, org.trustpool.api.model.Cluster model) {
        requireBody(model, "cluster");
        UUID clusterId = pathId(id, "Cluster");
        Cluster existing = found(clusterDao.get(clusterId), "Cluster", id);
        if (model.getDataCenter() != null) {
            // by id from here on, so the mapper (and NamedFields) see it as any other field
            model.getDataCenter().setId(resolveDataCenter(model.getDataCenter()).getId().toString());
            model.getDataCenter().setName(null);
        }
        Cluster updated = ClusterMapper.map(model, existing);
        updated.setId(clusterId); // the path names the cluster, whatever the body says
        // Only the fields this request names are written, merged by the command into the cluster as it
        // is under its lock (a trust flag set meanwhile by another request stays set).
        run(ActionType.UpdateCluster, new ClusterOperationParameters(updated)
                .namingFields(existing, NamedFields.of(probe -> ClusterMapper.map(model, probe), Cluster::new, UpdatableFields.CLUSTER)));
        return ClusterMapper.map(clusterDao.get(clusterId));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        run(ActionType.RemoveCluster, new IdParameters(pathId(id, "Cluster")));
        return Response.ok().build();
    }

    private StoragePool resolveDataCenter(DataCenter ref) {
        if (ref == null) {
            return found(storagePoolDao.getByName(DEFAULT_DATA_CENTER), "Data center", DEFAULT_DATA_CENTER);
        }
        if (ref.getId() != null) {
            return found(storagePoolDao.get(Mappers.uuid(ref.getId())), "Data center", ref.getId());
        }
        if (ref.getName() != null) {
            return found(storagePoolDao.getByName(ref.getName()), "Data center", "'" + ref.getName() + "'");
        }
        throw FaultException.badRequest("A data_center reference needs an id or a name.");
    }
}
