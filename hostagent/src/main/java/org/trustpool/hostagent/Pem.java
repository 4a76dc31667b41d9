package org.trustpool.hostagent;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM armour (RFC 7468), the form openssl, tpm2-tools and the attestation service exchange keys in. */
public final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** SubjectPublicKeyInfo as "BEGIN PUBLIC KEY", which {@code tpm2_checkquote -u} and openssl read. */
    public static String publicKey(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    /** @throws IllegalArgumentException if {@code text} holds no block with this label */
    public static byte[] decode(String label, String text) {
        Matcher m = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----([A-Za-z0-9+/=\\s]*)-----END "
                + Pattern.quote(label) + "-----").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no PEM block '" + label + "'");
        }
        return Base64.getMimeDecoder().decode(m.group(1));
    }
}
