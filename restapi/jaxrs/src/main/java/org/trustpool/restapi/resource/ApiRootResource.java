package org.trustpool.restapi.resource;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.trustpool.api.model.Api;
import org.trustpool.api.model.ProductInfo;
import org.trustpool.api.model.Version;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;

@Path("/")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
public class ApiRootResource {

    @GET
    public Api get() {
        Api api = new Api();
        api.getLink().addAll(Hrefs.collectionLinks());
        ProductInfo product = new ProductInfo();
        product.setName("Trustpool");
        product.setVendor("Trustpool project");
        Version version = new Version();
        version.setMajor(4);
        version.setMinor(4);
        version.setBuild(0);
        version.setRevision(0);
        version.setFullVersion("trustpool-0.1.0");
        product.setVersion(version);
        api.setProductInfo(product);
        api.setTime(Mappers.toXml(Instant.now()));
        return api;
    }
}
