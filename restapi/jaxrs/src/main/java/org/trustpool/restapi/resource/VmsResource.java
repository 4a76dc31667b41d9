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

import org.trustpool.api.model.Action;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.PlacementPolicy;
import org.trustpool.api.model.Vms;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.dal.VmDao;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.VmMapper;
import org.trustpool.restapi.util.NamedFields;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.restapi.util.FaultException;

@Path("/vms")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class VmsResource extends AbstractResource {

    @Inject
    private VmDao vmDao;

    @GET
    public Vms list(@QueryParam("search") String search, @QueryParam("max") Integer max) {
        Vms vms = new Vms();
        select(vmDao.getAll(), search, max, SEARCH).stream().map(VmMapper::map).forEach(vms.getVm()::add);
        return vms;
    }

    private static final Map<String, Function<Vm, String>> SEARCH = Map.of(
            "name", Vm::getName,
            "status", vm -> VmMapper.map(vm.getStatus()),
            "cluster", Vm::getClusterName,
            "host", Vm::getRunOnVdsName,
            "template", Vm::getTemplateName);

    @GET
    @Path("{id}")
    public org.trustpool.api.model.Vm get(@PathParam("id") String id) {
        return VmMapper.map(found(vmDao.get(pathId(id, "VM")), "VM", id));
    }

    /**
     * A new VM takes its template's hardware, then whatever the document says on top. force=true is the
     * administrator's confirmation that a VM from a trusted cluster's template may be made in a cluster
     * that is not trusted (without it that is a 409 saying what would be lost).
     */
    @POST
    public Response add(org.trustpool.api.model.Vm model, @QueryParam("force") String force) {
        requireBody(model, "vm");
        if (model.getCluster() == null) {
            throw FaultException.badRequest("A new VM needs a cluster: <cluster><name>...</name></cluster>.");
        }
        Cluster cluster = resolveCluster(model.getCluster());
        VmTemplate template = model.getTemplate() != null ? resolveTemplate(model.getTemplate())
                : found(vmTemplateDao.get(VmTemplate.BLANK_TEMPLATE_ID), "Template", "Blank");
        resolvePinnedHosts(model.getPlacementPolicy());
        model.setCluster(null);
        model.setTemplate(null);
        model.setId(null);
        VmStatic base = new VmStatic();
        base.setClusterId(cluster.getId());
        base.setTemplateId(template.getId());
        base.setMemSizeMb(template.getMemSizeMb());
        base.setNumOfCpus(template.getNumOfCpus());
        base.setOsType(template.getOsType());
        // A VM from a trusted template is trusted unless the request explicitly says otherwise.
        base.setTrustedHostFlag(template.isTrustedHostFlag());
        VmStatic vm = VmMapper.map(model, base);
        UUID id = run(ActionType.AddVm, new VmManagementParameters(vm).confirmingTrustLoss(confirmed(force))).getActionReturnValue();
        return Response.created(URI.create(Hrefs.of(Hrefs.VMS, id))).entity(VmMapper.map(vmDao.get(id))).build();
    }

    /** force=true confirms moving a trusted cluster's VM into a cluster that is not trusted (else 409). */
    @PUT
    @Path("{id}")
    public org.trustpool.api.model.Vm update(@PathParam("id") String id, org.trustpool.api.model.Vm model, @QueryParam("force") String force) {
        requireBody(model, "vm");
        UUID vmId = pathId(id, "VM");
        Vm existing = found(vmDao.get(vmId), "VM", id);
        if (model.getCluster() != null) {
            model.getCluster().setId(resolveCluster(model.getCluster()).getId().toString());
        }
        model.setTemplate(null); // a VM's template is history; it cannot be changed
        resolvePinnedHosts(model.getPlacementPolicy());
        VmStatic base = existing.getStaticData();
        VmStatic updated = VmMapper.map(model, base);
        updated.setId(vmId);
        // Only the fields this request names are written, merged by the command into the VM as it is
        // under its lock; the others stay as they are then, not as they were read here.
        run(ActionType.UpdateVm, new VmManagementParameters(updated)
                .namingFields(base, NamedFields.of(probe -> VmMapper.map(model, probe), VmStatic::new, UpdatableFields.VM))
                .confirmingTrustLoss(confirmed(force)));
        return VmMapper.map(vmDao.get(vmId));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        run(ActionType.RemoveVm, new IdParameters(pathId(id, "VM")));
        return Response.ok().build();
    }

    /** <action/> or <action><host><name>h</name></host></action> to ask for a host. */
    @POST
    @Path("{id}/start")
    public Action start(@PathParam("id") String id, Action action) {
        Vds host = action != null ? resolveHost(action.getHost()) : null;
        run(ActionType.RunVm, new RunVmParameters(pathId(id, "VM"), host != null ? host.getId() : null));
        return completed(action);
    }

    @POST
    @Path("{id}/stop")
    public Action stop(@PathParam("id") String id, Action action) {
        run(ActionType.StopVm, new IdParameters(pathId(id, "VM")));
        return completed(action);
    }

    @POST
    @Path("{id}/migrate")
    public Action migrate(@PathParam("id") String id, Action action) {
        Vds host = action != null ? resolveHost(action.getHost()) : null;
        run(ActionType.MigrateVm, new MigrateVmParameters(pathId(id, "VM"), host != null ? host.getId() : null));
        return completed(action);
    }

    /**
     * Writes the powered-off VM as OVF into the export directory (TrustedHostFlag and TrustedService included);
     * an earlier export of it is replaced only with {@code <exclusive>true</exclusive>}.
     */
    @POST
    @Path("{id}/export")
    public Action export(@PathParam("id") String id, Action action) {
        run(ActionType.ExportVm, new ExportParameters(pathId(id, "VM"), action != null && Boolean.TRUE.equals(action.isExclusive())));
        return completed(action);
    }

    /** Hosts named by name in a placement policy become ids, so the mapper sees only ids. */
    private void resolvePinnedHosts(PlacementPolicy placement) {
        if (placement == null) {
            return;
        }
        if (placement.getHosts() != null) {
            for (Host host : placement.getHosts().getHost()) {
                host.setId(resolveHost(host).getId().toString());
            }
        }
        if (placement.getHost() != null) {
            placement.getHost().setId(resolveHost(placement.getHost()).getId().toString());
        }
    }
}
