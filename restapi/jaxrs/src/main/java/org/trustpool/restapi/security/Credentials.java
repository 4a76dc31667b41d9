package org.trustpool.restapi.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.DbUserDao;

/** Checking a login name and password, and making and hashing SSO tokens. */
public final class Credentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked when the user does not exist, so both failures take as long and don't tell users apart. */
    private static final String DUMMY_HASH = PasswordHash.hash("no such user");

    private Credentials() {
    }

    /** The user for "name@domain" and password, or null. The same null for unknown user and wrong password. */
    public static DbUser check(DbUserDao users, String login, String password) {
        if (login == null || password == null) {
            return null;
        }
        int at = login.lastIndexOf('@');
        if (at <= 0 || at == login.length() - 1) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        DbUser user = users.getByNameAndDomain(login.substring(0, at), login.substring(at + 1));
        if (user == null || user.getPasswordHash() == null) {
            PasswordHash.verify(password, DUMMY_HASH);
            return null;
        }
        return PasswordHash.verify(password, user.getPasswordHash()) ? user : null;
    }

    /** 256 random bits: unguessable, and url-safe so clients can put it anywhere. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the database keeps of a token: its SHA-256, so a leaked table cannot be replayed. */
    public static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
