package org.trustpool.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.utils.MessageBundle;

/** Every key has words and every text has a key: a message shown as a bare code is a bug. */
class MessageBundlesTest {

    @Test
    void everyEngineMessageHasTextAndEveryTextHasAKey() {
        assertSameKeys(names(EngineMessage.values()), MessageBundle.engineMessages().keys());
    }

    @Test
    void everyAuditLogTypeHasTextAndEveryTextHasAKey() {
        assertSameKeys(names(AuditLogType.values()), MessageBundle.auditLogMessages().keys());
    }

    @Test
    void variablesAreFilledAndUnknownOnesStayVisible() {
        String text = MessageBundle.engineMessages().format("ACTION_TYPE_FAILED_CLUSTER_NAME_ALREADY_USED",
                Map.of("action", "add", "type", "Cluster", "Name", "c$1\\x"));
        assertEquals("Cannot add Cluster. A cluster named 'c$1\\x' already exists.", text);
        String partial = MessageBundle.engineMessages().format("ACTION_TYPE_FAILED_CLUSTER_NAME_ALREADY_USED", Map.of());
        assertTrue(partial.contains("${Name}"), partial);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertSameKeys(Set<String> enumKeys, Set<String> bundleKeys) {
        Set<String> missingText = new TreeSet<>(enumKeys);
        missingText.removeAll(bundleKeys);
        Set<String> orphanText = new TreeSet<>(bundleKeys);
        orphanText.removeAll(enumKeys);
        assertTrue(missingText.isEmpty(), "keys without text: " + missingText);
        assertTrue(orphanText.isEmpty(), "texts without key: " + orphanText);
    }
}
