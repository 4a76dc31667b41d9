-- The attestation service answers PollHosts only to the engine, and signs what it answers.
-- AttestationPollToken: the engine's bearer token (write-only through the API);
-- AttestationServiceCertificate: the PEM file of the certificate the answers must be signed with.
-- Empty means not configured: then no answer counts as trusted (the engine fails closed).
INSERT INTO vdc_options (option_name, option_value, version) VALUES
    ('AttestationPollToken', '', 'general'),
    ('AttestationServiceCertificate', '', 'general')
ON CONFLICT DO NOTHING;
