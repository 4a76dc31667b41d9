package org.trustpool.bll.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VmStatic;

class FieldMergeTest {

    private static VmStatic vm() {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName("web");
        vm.setDescription("front end");
        vm.setMemSizeMb(1024);
        vm.setVersion(3);
        return vm;
    }

    private static VmStatic with(VmStatic from, java.util.function.Consumer<VmStatic> change) {
        VmStatic copy = UpdatableFields.copy(from);
        change.accept(copy);
        return copy;
    }

    @Test
    void twoRequestsOfDifferentFieldsBothLandWhicheverRunsFirst() {
        VmStatic base = vm();
        VmStatic memory = with(base, v -> v.setMemSizeMb(4096));
        VmStatic trust = with(base, v -> v.setTrustedHostFlag(true));

        // memory first, then trust merged into the row the first one wrote
        VmStatic afterMemory = FieldMerge.merge(base, memory, base, Set.of("memory"), UpdatableFields.VM, UpdatableFields::copy).merged();
        FieldMerge.Result<VmStatic> second = FieldMerge.merge(base, trust, afterMemory, Set.of("trusted_host_flag"), UpdatableFields.VM, UpdatableFields::copy);
        assertFalse(second.conflicting());
        assertEquals(4096, second.merged().getMemSizeMb(), "the first request's memory is kept");
        assertTrue(second.merged().isTrustedHostFlag());

        // the other order gives the same row
        VmStatic afterTrust = FieldMerge.merge(base, trust, base, Set.of("trusted_host_flag"), UpdatableFields.VM, UpdatableFields::copy).merged();
        VmStatic other = FieldMerge.merge(base, memory, afterTrust, Set.of("memory"), UpdatableFields.VM, UpdatableFields::copy).merged();
        assertEquals(4096, other.getMemSizeMb());
        assertTrue(other.isTrustedHostFlag(), "the trust flag is not lost");
    }

    @Test
    void aNamedFieldChangedMeanwhileIsAConflictAndNothingIsMerged() {
        VmStatic base = vm();
        VmStatic current = with(base, v -> v.setMemSizeMb(2048)); // somebody else's change
        VmStatic mine = with(base, v -> {
            v.setMemSizeMb(8192);
            v.setDescription("mine");
        });
        FieldMerge.Result<VmStatic> result = FieldMerge.merge(base, mine, current, Set.of("memory", "description"), UpdatableFields.VM, UpdatableFields::copy);
        assertTrue(result.conflicting());
        assertEquals(List.of("memory"), result.conflicts());
        assertNull(result.merged());
    }

    @Test
    void theSameValueSetTwiceIsNoConflict() {
        VmStatic base = vm();
        VmStatic current = with(base, v -> v.setMemSizeMb(2048));
        VmStatic mine = with(base, v -> v.setMemSizeMb(2048));
        FieldMerge.Result<VmStatic> result = FieldMerge.merge(base, mine, current, Set.of("memory"), UpdatableFields.VM, UpdatableFields::copy);
        assertFalse(result.conflicting());
        assertEquals(2048, result.merged().getMemSizeMb());
    }

    @Test
    void unnamedFieldsComeFromTheCurrentRowAndTheVersionToo() {
        VmStatic base = vm();
        VmStatic current = with(base, v -> {
            v.setDescription("changed meanwhile");
            v.setVersion(4);
        });
        VmStatic mine = with(base, v -> v.setName("web-2")); // description as read: stale, but not named
        VmStatic merged = FieldMerge.merge(base, mine, current, Set.of("name"), UpdatableFields.VM, UpdatableFields::copy).merged();
        assertEquals("web-2", merged.getName());
        assertEquals("changed meanwhile", merged.getDescription());
        assertEquals(4, merged.getVersion(), "compare-and-set against the row read under the lock");
        assertEquals("front end", base.getDescription(), "the inputs are not changed");
        assertEquals("changed meanwhile", current.getDescription());
    }

    @Test
    void clustersMergeTheSameWay() {
        Cluster base = new Cluster();
        base.setId(UUID.randomUUID());
        base.setName("prod");
        base.setDescription("d");
        Cluster trusted = UpdatableFields.copy(base);
        trusted.setTrustedService(true);
        Cluster described = UpdatableFields.copy(base);
        described.setDescription("new words");
        Cluster afterTrust = FieldMerge.merge(base, trusted, base, Set.of("trusted_service"), UpdatableFields.CLUSTER, UpdatableFields::copy).merged();
        Cluster both = FieldMerge.merge(base, described, afterTrust, Set.of("description"), UpdatableFields.CLUSTER, UpdatableFields::copy).merged();
        assertTrue(both.isTrustedService());
        assertEquals("new words", both.getDescription());
        Cluster untrust = UpdatableFields.copy(base); // a request made before the flag was set, turning it... off? It names it:
        FieldMerge.Result<Cluster> conflict = FieldMerge.merge(base, untrust, afterTrust, Set.of("trusted_service"), UpdatableFields.CLUSTER, UpdatableFields::copy);
        assertEquals(List.of("trusted_service"), conflict.conflicts());
    }
}
