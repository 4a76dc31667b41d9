package org.trustpool.bll.ovf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.common.businessentities.VmStatic;

/** Hostile or broken OVF: every case an OvfException naming what is wrong, nothing leaked, nothing printed. */
class OvfHostileInputTest {

    private static final String ENVELOPE_OPEN = "<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    private static final String CONTENT_OPEN = "<Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">";

    @TempDir
    Path tmp;

    /** Runs both readers on the input; both must refuse it. Returns the VM reader's exception. */
    private static OvfException refusedByBoth(byte[] input) {
        OvfException vm = assertThrows(OvfException.class, () -> new OvfVmReader().read(input));
        assertThrows(OvfException.class, () -> new OvfTemplateReader().read(input));
        return vm;
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void xxeReadingALocalFileIsRefusedAndNothingLeaks() throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT-42");
        for (String target : new String[] {secret.toUri().toString(), "file:///etc/passwd"}) {
            String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ovf:Envelope [ <!ENTITY xxe SYSTEM \"" + target + "\"> ]>\n"
                    + ENVELOPE_OPEN + CONTENT_OPEN + "<Name>&xxe;</Name><Description>&xxe;</Description>"
                    + "</Content></ovf:Envelope>";
            OvfException e = refusedByBoth(xml.getBytes(StandardCharsets.UTF_8));
            assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
            String all = allMessages(e);
            assertFalse(all.contains("TOP-SECRET-CONTENT-42"), all);
            assertFalse(all.contains("root:"), all);
        }
    }

    @Test
    void externalDtdAndParameterEntitiesAreRefused() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ovf:Envelope SYSTEM \"file:///etc/passwd\">\n"
                + ENVELOPE_OPEN + CONTENT_OPEN + "<Name>x</Name></Content></ovf:Envelope>";
        assertTrue(refusedByBoth(xml.getBytes(StandardCharsets.UTF_8)).getMessage().contains("DOCTYPE"));
        String param = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY % p SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %p; ]>"
                + ENVELOPE_OPEN + CONTENT_OPEN + "<Name>x</Name></Content></ovf:Envelope>";
        assertTrue(refusedByBoth(param.getBytes(StandardCharsets.UTF_8)).getMessage().contains("DOCTYPE"));
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
        String xml = ENVELOPE_OPEN.replace(">", " xmlns:xi=\"http://www.w3.org/2001/XInclude\">") + CONTENT_OPEN
                + "<Name>vm</Name><Description><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></Description>"
                + "</Content></ovf:Envelope>";
        OvfVmReader.Result r = new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("vm", r.vm().getName());
        assertEquals("", r.vm().getDescription(), "the include is an ignored element, not the file");
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        sb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n").append(ENVELOPE_OPEN).append(CONTENT_OPEN).append("<Name>&lol9;</Name>")
                .append("</Content></ovf:Envelope>");
        byte[] input = sb.toString().getBytes(StandardCharsets.UTF_8);
        OvfException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusedByBoth(input));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() throws Exception {
        String head = ENVELOPE_OPEN + CONTENT_OPEN + "<Name>big</Name><Description>";
        String tail = "</Description></Content></ovf:Envelope>";
        byte[] big = new byte[SafeXml.MAX_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, big, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, big, big.length - tail.length(), tail.length());
        OvfException e = refusedByBoth(big);
        assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
        assertEquals(null, e.getCause(), "refused by size, never handed to the parser");

        // just under the limit is accepted: the limit is the size, not the content
        byte[] fits = Arrays.copyOf(big, SafeXml.MAX_BYTES);
        System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, fits, fits.length - tail.length(), tail.length());
        assertEquals("big", new OvfVmReader().read(fits).vm().getName());
    }

    @Test
    void endlessStreamIsCutAtTheLimit() {
        InputStream endless = new InputStream() {
            long served;
            @Override public int read() {
                served++;
                return ' ';
            }
            @Override public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) ' ');
                served += len;
                if (served > 4L * SafeXml.MAX_BYTES) {
                    throw new AssertionError("read far past the limit");
                }
                return len;
            }
        };
        OvfException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(OvfException.class, () -> new OvfVmReader().read(endless)));
        assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
    }

    @Test
    void truncatedDocumentIsRefused() throws Exception {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName("cut");
        byte[] whole = new OvfVmWriter().write(vm, "c", true, "t").getBytes(StandardCharsets.UTF_8);
        for (int len : new int[] {whole.length / 2, whole.length - 5, 10}) {
            OvfException e = refusedByBoth(Arrays.copyOf(whole, len));
            assertTrue(e.getMessage().startsWith("OVF refused:"), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not well-formed"),
                    e.getMessage());
        }
        assertTrue(refusedByBoth(Arrays.copyOf(whole, whole.length / 2)).getMessage().contains("truncated"));
    }

    @Test
    void notAnEnvelopeIsRefused() {
        Function<String, String> msg = xml -> refusedByBoth(xml.getBytes(StandardCharsets.UTF_8)).getMessage();
        assertTrue(msg.apply("<html><body>hi</body></html>").contains("root element must be ovf:Envelope"));
        assertTrue(msg.apply("<Envelope><Content><Name>x</Name></Content></Envelope>")
                .contains("root element must be ovf:Envelope"), "right name, no namespace");
        assertTrue(msg.apply("<ovf:Envelope xmlns:ovf=\"urn:other\"><Content><Name>x</Name></Content></ovf:Envelope>")
                .contains("found <ovf:Envelope> in namespace urn:other"));
    }

    @Test
    void emptyGarbageAndNullAreRefused() {
        assertTrue(refusedByBoth(new byte[0]).getMessage().contains("empty"));
        assertTrue(refusedByBoth("not xml at all".getBytes(StandardCharsets.UTF_8)).getMessage()
                .contains("not well-formed"));
        assertTrue(refusedByBoth(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}).getMessage().startsWith("OVF refused"));
        assertThrows(OvfException.class, () -> new OvfVmReader().read((byte[]) null));
        assertThrows(OvfException.class, () -> new OvfTemplateReader().read((InputStream) null));
    }

    @Test
    void parserPrintsNothingOnStderr() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            refusedByBoth("<ovf:Envelope".getBytes(StandardCharsets.UTF_8));
            refusedByBoth("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
