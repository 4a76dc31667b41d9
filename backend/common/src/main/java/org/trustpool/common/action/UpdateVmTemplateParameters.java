package org.trustpool.common.action;

import java.util.UUID;

/**
 * Edit Template: what the request names changes (null: stays as it is). The cluster and the trusted flag
 * are not among them: a template moved to another cluster or made untrusted would make VMs that run where
 * its VMs were not meant to, a decision that belongs to the trust rules of Edit VM and import.
 */
public class UpdateVmTemplateParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String description;
    private final Integer memSizeMb;
    private final Integer numOfCpus;

    public UpdateVmTemplateParameters(UUID id, String name, String description, Integer memSizeMb, Integer numOfCpus) {
        super(id);
        this.name = name;
        this.description = description;
        this.memSizeMb = memSizeMb;
        this.numOfCpus = numOfCpus;
    }

    public String getName() { return name; }
    public String getDescription() { return description; }
    public Integer getMemSizeMb() { return memSizeMb; }
    public Integer getNumOfCpus() { return numOfCpus; }
}
