package org.trustpool.restapi.resource;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

import org.trustpool.api.model.Action;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.Hosts;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.AddVdsParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.UpdateVdsParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.restapi.types.HostMapper;
import org.trustpool.restapi.types.TrustMapper;
import org.trustpool.dal.EngineClusterDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.restapi.types.Hrefs;

@Path("/hosts")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class HostsResource extends AbstractResource {

    @Inject
    private VdsTrustDao trustDao;

    @Inject
    private EngineClusterDao engineClusterDao;

    /** VDSM's port, which our host agents use too unless told otherwise. */
    private static final int DEFAULT_AGENT_PORT = 54321;

    @GET
    public Hosts list(@QueryParam("search") String search, @QueryParam("max") Integer max) {
        Map<UUID, HostTrust> verdicts = trustDao.getAll().stream().collect(Collectors.toMap(HostTrust::vdsId, t -> t));
        Map<UUID, String> watchers = engineClusterDao.getHostMonitorOwners();
        Hosts hosts = new Hosts();
        select(vdsDao.getAll(), search, max, SEARCH).stream().map(h -> map(h, verdicts.get(h.getId()), watchers))
                .forEach(hosts.getHost()::add);
        return hosts;
    }

    /** The host with its last attestation verdict, if it was ever attested, and the engine node watching it. */
    private static Host map(Vds vds, HostTrust trust, Map<UUID, String> watchers) {
        return map(vds, trust, watchers.get(vds.getId()));
    }

    private static Host map(Vds vds, HostTrust trust, String monitoredBy) {
        Host host = HostMapper.map(vds);
        host.setTrust(TrustMapper.map(trust));
        host.setMonitoredBy(monitoredBy);
        return host;
    }

    /** One host: its own lease only, not every host's. */
    private Host map(Vds vds, HostTrust trust) {
        return map(vds, trust, engineClusterDao.getHostMonitorOwner(vds.getId()));
    }

    /** Status as the API writes it (up, non_responsive ...), so a search uses the words a client sees. */
    private static final Map<String, Function<Vds, String>> SEARCH = Map.of(
            "name", Vds::getName,
            "status", h -> HostMapper.map(h.getStatus()),
            "cluster", Vds::getClusterName,
            "address", h -> h.getStaticData().getHostName());

    @GET
    @Path("{id}")
    public Host get(@PathParam("id") String id) {
        Vds vds = found(vdsDao.get(pathId(id, "Host")), "Host", id);
        return map(vds, trustDao.get(vds.getId()));
    }

    @POST
    public Response add(Host model) {
        requireBody(model, "host");
        Cluster cluster = model.getCluster() != null ? resolveCluster(model.getCluster()) : clusterDao.getByName("Default");
        model.setCluster(null);
        model.setId(null);
        VdsStatic base = new VdsStatic();
        base.setPort(DEFAULT_AGENT_PORT);
        base.setClusterId(cluster != null ? cluster.getId() : null);
        VdsStatic vds = HostMapper.map(model, base);
        UUID id = run(ActionType.AddVds, new AddVdsParameters(vds)).getActionReturnValue();
        return Response.created(URI.create(Hrefs.of(Hrefs.HOSTS, id))).entity(HostMapper.map(vdsDao.get(id))).build();
    }

    /**
     * Edit Host: the fields the document names (name, address, port, cluster, comment) change, the
     * others stay as the host has them when the engine applies the edit.
     */
    @PUT
    @Path("{id}")
    public Host update(@PathParam("id") String id, Host model) {
        requireBody(model, "host");
        UUID hostId = pathId(id, "Host");
        found(vdsDao.get(hostId), "Host", id);
        UUID clusterId = model.getCluster() != null ? resolveCluster(model.getCluster()).getId() : null;
        run(ActionType.UpdateVds, new UpdateVdsParameters(hostId, model.getName(), model.getAddress(), model.getPort(),
                clusterId, model.getComment()));
        Vds updated = vdsDao.get(hostId);
        return map(updated, trustDao.get(hostId));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        run(ActionType.RemoveVds, new IdParameters(pathId(id, "Host")));
        return Response.ok().build();
    }

    @POST
    @Path("{id}/activate")
    public Action activate(@PathParam("id") String id, Action action) {
        run(ActionType.ActivateVds, new IdParameters(pathId(id, "Host")));
        return completed(action);
    }

    /**
     * "Re-attest now": the attestation service is asked about the host at once (not the cached verdict);
     * the answer is the action with the host as it is afterwards, its fresh {@code <trust>} included.
     */
    @POST
    @Path("{id}/attest")
    public Action attest(@PathParam("id") String id, Action action) {
        UUID hostId = pathId(id, "Host");
        run(ActionType.ReattestVds, new IdParameters(hostId));
        Action answer = completed(action);
        Vds vds = vdsDao.get(hostId);
        answer.setHost(vds == null ? null : map(vds, trustDao.get(hostId)));
        return answer;
    }

    @POST
    @Path("{id}/deactivate")
    public Action deactivate(@PathParam("id") String id, Action action) {
        run(ActionType.MaintenanceVds, new IdParameters(pathId(id, "Host")));
        return completed(action);
    }
}
