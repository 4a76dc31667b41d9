package org.trustpool.bll.ovf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.bll.EngineConfig;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.VdcOptionDao;

/** The listing cache: an unchanged export is parsed once; a new export in its place is parsed again. */
class ExportDirectoryTest {
    @TempDir
    Path root;

    @Test
    void anUnchangedExportIsReadOnceForListingAndAReplacedOneAgain() throws Exception {
        VdcOptionDao options = mock(VdcOptionDao.class);
        when(options.get("ExportDomainPath")).thenReturn(new VdcOption("ExportDomainPath", root.toString()));
        ExportDirectory exports = new ExportDirectory(new EngineConfig(options));
        UUID id = UUID.randomUUID();
        exports.write(ExportDirectory.Kind.VM, id, "first", false);
        AtomicInteger reads = new AtomicInteger();
        ExportDirectory.OvfReader<String> reader = in -> {
            reads.incrementAndGet();
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new OvfException(e.getMessage());
            }
        };
        String once = exports.readForListing(ExportDirectory.Kind.VM, id, reader);
        assertSame(once, exports.readForListing(ExportDirectory.Kind.VM, id, reader));
        assertEquals(1, reads.get(), "unchanged: not parsed again");

        exports.write(ExportDirectory.Kind.VM, id, "other", true); // same size, a new file in its place
        assertEquals("other", exports.readForListing(ExportDirectory.Kind.VM, id, reader));
        assertEquals(2, reads.get());
    }
}
