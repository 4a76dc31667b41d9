package org.trustpool.common.businessentities;

/** What a user may do. ADMIN changes anything; READ_ONLY lists and reads. */
public enum Role {
    ADMIN, READ_ONLY
}
