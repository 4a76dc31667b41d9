package org.trustpool.restapi.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.Action;
import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.Vm;
import org.trustpool.api.model.Vms;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfVmReader;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ImportVmParameters;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.util.FaultException;

/**
 * What lies in the export directory, and importing it: GET /exports/vms lists the exported VMs with
 * their trust properties; POST /exports/vms/{id}/import with
 * {@code <action><cluster><name>..</name></cluster></action>} imports one, and a VM from a trusted
 * cluster going into a cluster that is not trusted needs {@code <force>true</force>} as well.
 */
@Path("/exports/vms")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class ExportsResource extends AbstractResource {

    @Inject
    private ExportDirectory exports;

    @GET
    public Vms list() {
        Vms vms = new Vms();
        try {
            for (UUID id : exports.exportedVmIds()) {
                try {
                    vms.getVm().add(map(id, new OvfVmReader().read(Files.readAllBytes(exports.vmOvf(id)))));
                } catch (OvfException e) {
                    // A broken file is not importable; it is left out of the list rather than failing it.
                }
            }
        } catch (IOException e) {
            throw new FaultException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, "Export directory unreadable",
                    "The export directory cannot be read: " + e.getMessage());
        }
        return vms;
    }

    @POST
    @Path("{id}/import")
    public Action importVm(@PathParam("id") String id, Action action) {
        requireBody(action, "action");
        if (clusterOf(action) == null) {
            throw FaultException.badRequest("Name the cluster to import into: <action><cluster><name>..</name></cluster></action>.");
        }
        org.trustpool.common.businessentities.Cluster cluster = resolveCluster(clusterOf(action));
        UUID vmId = run(ActionType.ImportVm, new ImportVmParameters(pathId(id, "Exported VM"), cluster.getId(),
                Boolean.TRUE.equals(action.isForce()))).getActionReturnValue();
        Action answer = completed(action);
        answer.setVm(Mappers.identify(new Vm(), Hrefs.VMS, vmId));
        return answer;
    }

    private static Cluster clusterOf(Action action) {
        return action.getVm() != null && action.getVm().getCluster() != null ? action.getVm().getCluster() : action.getCluster();
    }

    private static Vm map(UUID id, OvfVmReader.Result ovf) {
        Vm vm = new Vm();
        vm.setId(id.toString());
        vm.setHref(Hrefs.BASE + "/exports/vms/" + id);
        vm.setName(ovf.vm().getName());
        vm.setDescription(ovf.vm().getDescription());
        vm.setTrustedHostFlag(ovf.trustedHostFlag());
        Cluster origin = new Cluster();
        origin.setName(ovf.clusterName());
        origin.setTrustedService(ovf.trustedService());
        vm.setCluster(origin);
        return vm;
    }
}
