-- The TPM behind each verdict (issue 12): the attestation service says which endorsement key
-- enrolled under the host's name (SHA-256 of the EK's public key, hex); the engine keeps it with
-- the verdict so an administrator sees which machine was judged. Null when the service did not say.
ALTER TABLE vds_trust ADD COLUMN ek_fingerprint varchar(64)
    CHECK (ek_fingerprint IS NULL OR ek_fingerprint ~ '^[0-9a-f]{64}$');
