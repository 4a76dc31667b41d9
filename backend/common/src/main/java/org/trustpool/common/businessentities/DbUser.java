package org.trustpool.common.businessentities;

import java.util.UUID;

/** An engine user (table users). Passwords are stored only as a PBKDF2 hash. */
public class DbUser {
    private UUID id;
    private String name;
    private String domain = "internal";
    private String passwordHash;
    private Role role = Role.READ_ONLY;

    public UUID getId() { return id; }
    public void setId(UUID id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }

    /** The login name as oVirt writes it: admin@internal. */
    public String getLoginName() { return name + "@" + domain; }
}
