package org.trustpool.restapi.resource;

import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.Option;
import org.trustpool.api.model.Options;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.VdcOptionParameters;
import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.util.FaultException;

/**
 * The engine options an administrator may change at run time (vdc_options): attestation server,
 * batch size, trust validity, monitoring periods ... GET lists them; PUT /options/{name} with
 * {@code <option><value>..</value></option>} changes one (admins only, validated, audited).
 */
@Path("/options")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class OptionsResource extends AbstractResource {

    @Inject
    private VdcOptionDao optionDao;

    @GET
    public Options list() {
        Options options = new Options();
        for (ConfigValues option : ConfigValues.values()) {
            options.getOption().add(map(option));
        }
        return options;
    }

    @GET
    @Path("{name}")
    public Option get(@PathParam("name") String name) {
        return map(known(name));
    }

    @PUT
    @Path("{name}")
    public Option update(@PathParam("name") String name, Option model) {
        requireBody(model, "option");
        if (model.getValue() == null) {
            throw FaultException.badRequest("Give the new value: <option><value>...</value></option>.");
        }
        run(ActionType.UpdateVdcOption, new VdcOptionParameters(known(name).name(), model.getValue().trim()));
        return map(known(name));
    }

    private static ConfigValues known(String name) {
        ConfigValues option = ConfigValues.byName(name);
        if (option == null) {
            throw FaultException.notFound("There is no option named '" + name + "' that can be read or changed here.");
        }
        return option;
    }

    private Option map(ConfigValues option) {
        Option model = new Option();
        model.setHref(Hrefs.BASE + "/options/" + option.name());
        model.setName(option.name());
        model.setType(option.getType().name().toLowerCase(Locale.ROOT));
        VdcOption stored = optionDao.get(option.name());
        // A secret is write-only: reading it back would hand it to every read-only user.
        boolean secret = option.getType() == ConfigValues.Type.SECRET;
        model.setValue(secret ? (stored == null || stored.getOptionValue() == null || stored.getOptionValue().isEmpty() ? "" : "********")
                : stored == null ? null : stored.getOptionValue());
        return model;
    }
}
