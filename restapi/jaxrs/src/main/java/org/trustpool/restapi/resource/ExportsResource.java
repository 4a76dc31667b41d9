package org.trustpool.restapi.resource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.api.model.Action;
import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.Template;
import org.trustpool.api.model.Templates;
import org.trustpool.api.model.Vm;
import org.trustpool.api.model.Vms;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.OvfException;
import org.trustpool.bll.ovf.OvfTemplateReader;
import org.trustpool.bll.ovf.OvfVmReader;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.util.FaultException;

/**
 * What lies in the export directory, and importing it. GET /exports/vms and /exports/templates list the
 * exports with their trust properties (the origin cluster's name and trusted_service, and
 * trusted_host_flag); POST /exports/{vms|templates}/{id}/import with
 * {@code <action><cluster><name>..</name></cluster></action>} imports one, and what came from a trusted
 * cluster going into a cluster that is not trusted needs {@code <force>true</force>} as well;
 * DELETE /exports/{vms|templates}/{id} removes an export.
 */
@Path("/exports")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class ExportsResource extends AbstractResource {
    private static final Logger LOG = Logger.getLogger(ExportsResource.class.getName());

    @Inject
    private ExportDirectory exports;

    @GET
    @Path("vms")
    public Vms listVms() {
        Vms vms = new Vms();
        vms.getVm().addAll(readAll(ExportDirectory.Kind.VM, new OvfVmReader()::read, ExportsResource::map));
        return vms;
    }

    @GET
    @Path("templates")
    public Templates listTemplates() {
        Templates templates = new Templates();
        templates.getTemplate().addAll(readAll(ExportDirectory.Kind.TEMPLATE, new OvfTemplateReader()::read, ExportsResource::map));
        return templates;
    }

    private <R, M> List<M> readAll(ExportDirectory.Kind kind, ExportDirectory.OvfReader<R> reader, java.util.function.BiFunction<UUID, R, M> mapper) {
        List<M> listed = new ArrayList<>();
        try {
            for (UUID id : exports.exportedIds(kind)) {
                try {
                    listed.add(mapper.apply(id, exports.readForListing(kind, id, reader)));
                } catch (OvfException | IOException e) {
                    // A broken or vanished file is not importable; it is left out of the list rather than failing it.
                    LOG.info("export " + id + " left out of the list: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            // Where it lies and why stay in the server log: read-only users may list exports too.
            LOG.log(Level.WARNING, "the export directory cannot be listed", e);
            throw new FaultException(Response.Status.INTERNAL_SERVER_ERROR, "Export directory unreadable",
                    "The export directory cannot be read; the engine log says why.");
        }
        return listed;
    }

    @POST
    @Path("vms/{id}/import")
    public Action importVm(@PathParam("id") String id, Action action) {
        UUID vmId = run(ActionType.ImportVm, importParameters(id, "Exported VM", action)).getActionReturnValue();
        Action answer = completed(action);
        answer.setVm(Mappers.identify(new Vm(), Hrefs.VMS, vmId));
        return answer;
    }

    @POST
    @Path("templates/{id}/import")
    public Action importTemplate(@PathParam("id") String id, Action action) {
        UUID templateId = run(ActionType.ImportVmTemplate, importParameters(id, "Exported template", action)).getActionReturnValue();
        Action answer = completed(action);
        answer.setTemplate(Mappers.identify(new Template(), Hrefs.TEMPLATES, templateId));
        return answer;
    }

    @DELETE
    @Path("vms/{id}")
    public Response removeVm(@PathParam("id") String id) {
        run(ActionType.RemoveExportedVm, new IdParameters(pathId(id, "Exported VM")));
        return Response.ok().build();
    }

    @DELETE
    @Path("templates/{id}")
    public Response removeTemplate(@PathParam("id") String id) {
        run(ActionType.RemoveExportedVmTemplate, new IdParameters(pathId(id, "Exported template")));
        return Response.ok().build();
    }

    private ImportParameters importParameters(String id, String what, Action action) {
        requireBody(action, "action");
        // oVirt's SDK names the cluster inside <vm> (or <template>); curl users name it directly.
        Cluster named = action.getVm() != null && action.getVm().getCluster() != null ? action.getVm().getCluster()
                : action.getTemplate() != null && action.getTemplate().getCluster() != null ? action.getTemplate().getCluster()
                : action.getCluster();
        if (named == null) {
            throw FaultException.badRequest("Name the cluster to import into: <action><cluster><name>..</name></cluster></action>.");
        }
        // force is the administrator's explicit yes to losing the trusted cluster; anything but true is no.
        return new ImportParameters(pathId(id, what), resolveCluster(named).getId(), Boolean.TRUE.equals(action.isForce()));
    }

    private static Vm map(UUID id, OvfVmReader.Result ovf) {
        Vm vm = new Vm();
        vm.setId(id.toString());
        vm.setHref(Hrefs.BASE + "/exports/vms/" + id);
        vm.setName(ovf.vm().getName());
        vm.setDescription(ovf.vm().getDescription());
        vm.setTrustedHostFlag(ovf.trustedHostFlag());
        vm.setCluster(origin(ovf.clusterName(), ovf.trustedService()));
        return vm;
    }

    private static Template map(UUID id, OvfTemplateReader.Result ovf) {
        Template template = new Template();
        template.setId(id.toString());
        template.setHref(Hrefs.BASE + "/exports/templates/" + id);
        template.setName(ovf.template().getName());
        template.setDescription(ovf.template().getDescription());
        template.setTrustedHostFlag(ovf.trustedHostFlag());
        template.setCluster(origin(ovf.template().getClusterName(), ovf.trustedService()));
        return template;
    }

    /** The cluster it was exported from: its name there, and whether it was trusted. */
    private static Cluster origin(String name, boolean trustedService) {
        Cluster origin = new Cluster();
        origin.setName(name);
        origin.setTrustedService(trustedService);
        return origin;
    }
}
