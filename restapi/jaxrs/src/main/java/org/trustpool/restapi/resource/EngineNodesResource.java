package org.trustpool.restapi.resource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.EngineNode;
import org.trustpool.api.model.EngineNodes;
import org.trustpool.dal.EngineClusterDao;
import org.trustpool.restapi.types.Mappers;

/**
 * The engine nodes sharing this database (a Trustpool addition): which are up, how many hosts each monitors,
 * which runs the cluster-wide work. Read only; nodes join by starting and leave by stopping.
 */
@Path("/enginenodes")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
public class EngineNodesResource extends AbstractResource {

    @Inject
    private EngineClusterDao dao;

    @GET
    public EngineNodes list() {
        Map<String, Long> watching = dao.getHostMonitorOwners().values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<EngineClusterDao.Lease> leases = dao.getLeases();
        EngineNodes nodes = new EngineNodes();
        for (EngineClusterDao.Node n : dao.getAllNodes()) {
            EngineNode node = new EngineNode();
            node.setName(n.id());
            node.setAddress(n.apiUrl());
            node.setStatus(n.alive() ? "up" : "down");
            node.setStartedAt(Mappers.toXml(n.startedAt()));
            node.setHeartbeat(Mappers.toXml(n.heartbeat()));
            node.setMonitoredHosts(n.alive() ? watching.getOrDefault(n.id(), 0L).intValue() : 0);
            leases.stream().filter(l -> n.id().equals(l.owner())).map(EngineClusterDao.Lease::name)
                    .forEach(node.getRuns()::add);
            nodes.getEngineNode().add(node);
        }
        return nodes;
    }
}
