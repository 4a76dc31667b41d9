package org.trustpool.restapi.resource;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.api.model.User;
import org.trustpool.api.model.Users;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.UserParameters;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.dal.DbUserDao;
import org.trustpool.restapi.types.Hrefs;
import org.trustpool.restapi.types.Mappers;
import org.trustpool.restapi.util.FaultException;

/**
 * Engine users: user_name (name@internal), a write-only password, and a role (admin or read_only).
 * Changing users is an admin's job like any other change (AuthFilter lets only admins write).
 */
@Path("/users")
@RequestScoped
@Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
@Consumes(MediaType.APPLICATION_XML)
public class UsersResource extends AbstractResource {
    @Inject
    private DbUserDao userDao;

    @GET
    public Users list() {
        Users users = new Users();
        userDao.getAll().stream().map(UsersResource::map).forEach(users.getUser()::add);
        return users;
    }

    @GET
    @Path("{id}")
    public User get(@PathParam("id") String id) {
        return map(found(userDao.get(pathId(id, "User")), "User", id));
    }

    @POST
    public Response add(User model) {
        requireBody(model, "user");
        if (model.getUserName() == null || model.getPassword() == null) {
            throw FaultException.badRequest("A new user needs <user_name>name@internal</user_name> and <password>.");
        }
        DbUser user = new DbUser();
        int at = model.getUserName().lastIndexOf('@');
        user.setName(at < 0 ? model.getUserName() : model.getUserName().substring(0, at));
        user.setDomain(at < 0 ? "internal" : model.getUserName().substring(at + 1));
        user.setRole(role(model.getRole(), Role.READ_ONLY));
        UUID id = run(ActionType.AddUser, new UserParameters(user, model.getPassword())).getActionReturnValue();
        return Response.created(URI.create(Hrefs.of(Hrefs.USERS, id))).entity(map(userDao.get(id))).build();
    }

    /** <user><role>admin</role></user> and/or <user><password>...</password></user>. */
    @PUT
    @Path("{id}")
    public User update(@PathParam("id") String id, User model) {
        requireBody(model, "user");
        DbUser change = new DbUser();
        change.setId(pathId(id, "User"));
        change.setRole(role(model.getRole(), null));
        run(ActionType.UpdateUser, new UserParameters(change, model.getPassword()));
        return map(userDao.get(change.getId()));
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        run(ActionType.RemoveUser, new IdParameters(pathId(id, "User")));
        return Response.ok().build();
    }

    private static Role role(String role, Role absent) {
        if (role == null) {
            return absent;
        }
        try {
            return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FaultException.badRequest("Unknown role '" + role + "'; use admin or read_only.");
        }
    }

    /** Never the password hash: it is nobody's business outside the database. */
    static User map(DbUser user) {
        User model = Mappers.identify(new User(), Hrefs.USERS, user.getId());
        model.setName(user.getLoginName());
        model.setUserName(user.getLoginName());
        model.setRole(user.getRole().name().toLowerCase(Locale.ROOT));
        return model;
    }
}
