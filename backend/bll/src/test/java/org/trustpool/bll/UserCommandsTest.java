package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.UserParameters;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.utils.PasswordHash;

class UserCommandsTest {
    private final Fixtures f = new Fixtures();

    private DbUser user(String name, String domain, Role role) {
        DbUser u = new DbUser();
        u.setId(UUID.randomUUID());
        u.setName(name);
        u.setDomain(domain);
        u.setRole(role);
        u.setPasswordHash(PasswordHash.hash("whatever-pw"));
        when(f.dbUserDao.get(u.getId())).thenReturn(u);
        return u;
    }

    @Test
    void addStoresOnlyAHashOfThePassword() {
        DbUser bob = new DbUser();
        bob.setName("bob");
        bob.setRole(Role.READ_ONLY);
        ActionReturnValue rv = f.executor.runAction(ActionType.AddUser, new UserParameters(bob, "long-enough-pw"));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        ArgumentCaptor<DbUser> saved = ArgumentCaptor.forClass(DbUser.class);
        verify(f.dbUserDao).save(saved.capture());
        assertNotEquals("long-enough-pw", saved.getValue().getPasswordHash());
        assertTrue(PasswordHash.verify("long-enough-pw", saved.getValue().getPasswordHash()));
    }

    @Test
    void shortPasswordsAndForeignDomainsAreRefused() {
        DbUser bob = new DbUser();
        bob.setName("bob");
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_PASSWORD_TOO_SHORT,
                f.executor.runAction(ActionType.AddUser, new UserParameters(bob, "short")).getValidationMessages().get(0).getMessage());
        DbUser corp = new DbUser();
        corp.setName("eve");
        corp.setDomain("corp.example.com");
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_USER_DOMAIN_UNSUPPORTED,
                f.executor.runAction(ActionType.AddUser, new UserParameters(corp, "long-enough-pw")).getValidationMessages().get(0).getMessage());
        verify(f.dbUserDao, never()).save(any());
    }

    @Test
    void theLastAdminCanNeitherGoNorBeDemoted() {
        DbUser admin = user("admin", "internal", Role.ADMIN);
        DbUser viewer = user("viewer", "internal", Role.READ_ONLY);
        when(f.dbUserDao.getAll()).thenReturn(List.of(admin, viewer));
        ActionReturnValue remove = f.executor.runAction(ActionType.RemoveUser, new IdParameters(admin.getId()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_LAST_ADMIN, remove.getValidationMessages().get(0).getMessage());
        DbUser demotion = new DbUser();
        demotion.setId(admin.getId());
        demotion.setRole(Role.READ_ONLY);
        ActionReturnValue demote = f.executor.runAction(ActionType.UpdateUser, new UserParameters(demotion, null));
        assertFalse(demote.isValid());
        verify(f.dbUserDao, never()).remove(any());
        verify(f.dbUserDao, never()).update(any());
        assertTrue(f.executor.runAction(ActionType.RemoveUser, new IdParameters(viewer.getId())).getSucceeded());
    }
}
