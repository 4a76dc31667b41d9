package org.trustpool.common.businessentities;

/** vm_static holds both VMs and templates, told apart by entity_type as in oVirt. */
public enum VmEntityType {
    VM, TEMPLATE
}
