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
import org.trustpool.api.model.Template;
import org.trustpool.api.model.Templates;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.AddVmTemplateParameters;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.UpdateVmTemplateParameters;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.dal.VmDao;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.types.TemplateMapper;
import org.trustpool.restapi.util.FaultException;

@Path("/templates")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class TemplatesResource extends AbstractResource {

    @Inject
    private VmDao vmDao;

    @GET
    public Templates list(@QueryParam("search") String search, @QueryParam("max") Integer max) {
        Templates templates = new Templates();
        select(vmTemplateDao.getAll(), search, max, SEARCH).stream().map(TemplateMapper::map).forEach(templates.getTemplate()::add);
        return templates;
    }

    private static final Map<String, Function<VmTemplate, String>> SEARCH = Map.of(
            "name", VmTemplate::getName,
            "cluster", VmTemplate::getClusterName);

    @GET
    @Path("{id}")
    public Template get(@PathParam("id") String id) {
        return TemplateMapper.map(found(vmTemplateDao.get(pathId(id, "Template")), "Template", id));
    }

    /**
     * Edit Template: name, description, memory and CPUs (what the document names). Its cluster and
     * trusted_host_flag stay as they are: a document that would change them is refused rather than half applied,
     * since a template moved or made untrusted would make VMs that run where its VMs were not meant to.
     */
    @PUT
    @Path("{id}")
    public Template update(@PathParam("id") String id, Template model) {
        requireBody(model, "template");
        UUID templateId = pathId(id, "Template");
        VmTemplate existing = found(vmTemplateDao.get(templateId), "Template", id);
        boolean otherCluster = model.getCluster() != null && !(existing.getClusterId() != null
                && (existing.getClusterId().equals(Mappers.refId(model.getCluster()))
                        || model.getCluster().getName() != null && model.getCluster().getName().equals(existing.getClusterName())));
        boolean otherTrust = model.isTrustedHostFlag() != null && model.isTrustedHostFlag() != existing.isTrustedHostFlag();
        if (otherCluster || otherTrust) {
            throw FaultException.badRequest("A template's cluster and trusted_host_flag are not edited: make a VM from it, change"
                    + " the VM, and make a new template from that.");
        }
        Integer memoryMb = model.getMemory() == null ? null : Mappers.bytesToMb(model.getMemory());
        run(ActionType.UpdateVmTemplate, new UpdateVmTemplateParameters(templateId, model.getName(), model.getDescription(),
                memoryMb, Mappers.toNumOfCpus(model.getCpu())));
        return TemplateMapper.map(vmTemplateDao.get(templateId));
    }

    /** <template><name>t</name><vm id="..."/></template> (or the VM by name) makes a template from a powered-off VM. */
    @POST
    public Response add(Template model) {
        requireBody(model, "template");
        if (model.getVm() == null) {
            throw FaultException.badRequest("A new template needs the VM it is made from: <vm id=\"...\"/>.");
        }
        Vm vm = resolve(model.getVm(), "VM", "VM", vmDao::get, vmDao::getByName);
        UUID id = run(ActionType.AddVmTemplate, new AddVmTemplateParameters(vm.getId(), model.getName(), model.getDescription()))
                .getActionReturnValue();
        return Response.created(URI.create(Hrefs.of(Hrefs.TEMPLATES, id))).entity(TemplateMapper.map(vmTemplateDao.get(id))).build();
    }

    /**
     * Writes the template as OVF into the export directory (TrustedHostFlag and TrustedService included);
     * an earlier export of it is replaced only with {@code <exclusive>true</exclusive>}.
     */
    @POST
    @Path("{id}/export")
    public Action export(@PathParam("id") String id, Action action) {
        run(ActionType.ExportVmTemplate, new ExportParameters(pathId(id, "Template"), action != null && Boolean.TRUE.equals(action.isExclusive())));
        return completed(action);
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        run(ActionType.RemoveVmTemplate, new IdParameters(pathId(id, "Template")));
        return Response.ok().build();
    }
}
