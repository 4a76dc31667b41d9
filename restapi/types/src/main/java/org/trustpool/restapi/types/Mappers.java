package org.trustpool.restapi.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.trustpool.api.model.BaseResource;
import org.trustpool.api.model.Cpu;
import org.trustpool.api.model.CpuTopology;
import org.trustpool.api.model.Version;

/**
 * Conversions shared by the mappers. Bad input (an id that is no UUID, a version without a minor part...)
 * raises IllegalArgumentException, which the REST layer answers with 400.
 */
public final class Mappers {

    public static final long BYTES_PER_MB = 1024L * 1024L;

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Mappers() {
    }

    // ---------------------------------------------------------------- ids and references

    public static UUID uuid(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "' is not a valid id", e);
        }
    }

    /** Sets id and href; nothing when the entity has no id yet. */
    public static <T extends BaseResource> T identify(T model, String collection, Object id) {
        if (id != null) {
            model.setId(id.toString());
            model.setHref(Hrefs.of(collection, id));
        }
        return model;
    }

    /** A reference to another resource: just its id and href, or null when there is no id. */
    public static <T extends BaseResource> T ref(T model, String collection, UUID id) {
        return id == null ? null : identify(model, collection, id);
    }

    /** The id a reference names; null when there is no reference or it names by name only. */
    public static UUID refId(BaseResource ref) {
        return ref == null ? null : uuid(ref.getId());
    }

    // ---------------------------------------------------------------- times

    /**
     * Always written in UTC with exactly three fraction digits (2024-05-01T10:00:00.000Z): the oVirt SDK
     * parses dates with the pattern yyyy-MM-dd'T'HH:mm:ss.SSSXXX, which fails without the fraction and
     * misreads a longer one (PostgreSQL timestamps carry microseconds).
     */
    public static XMLGregorianCalendar toXml(Instant instant) {
        if (instant == null) {
            return null;
        }
        ZonedDateTime t = instant.truncatedTo(ChronoUnit.MILLIS).atZone(ZoneOffset.UTC);
        return DATATYPES.newXMLGregorianCalendar(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                t.getMinute(), t.getSecond(), t.getNano() / 1_000_000, 0);
    }

    /** A time without an offset is taken as UTC. */
    public static Instant toInstant(XMLGregorianCalendar xml) {
        if (xml == null) {
            return null;
        }
        String text = xml.toXMLFormat();
        return xml.getTimezone() == DatatypeConstants.FIELD_UNDEFINED
                ? LocalDateTime.parse(text).toInstant(ZoneOffset.UTC)
                : OffsetDateTime.parse(text).toInstant();
    }

    // ---------------------------------------------------------------- memory

    public static Long mbToBytes(long mb) {
        return mb * BYTES_PER_MB;
    }

    /** Rounds down to whole MB, as the entities count memory in MB. */
    public static int bytesToMb(long bytes) {
        try {
            return Math.toIntExact(Math.floorDiv(bytes, BYTES_PER_MB));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("memory " + bytes + " is too large", e);
        }
    }

    // ---------------------------------------------------------------- versions

    /** "4.7" -> major 4, minor 7, as v4 elements; null when absent or not of that form. */
    public static Version toModelVersion(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.trim().split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            Version model = new Version();
            model.setMajor(Integer.valueOf(parts[0]));
            model.setMinor(Integer.valueOf(parts[1]));
            return model;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * major/minor from the elements (v4) or else the attributes (v3); a part the document leaves out is
     * kept from the existing version, so {@code <version><minor>8</minor></version>} moves 4.7 to 4.8.
     */
    public static String toEntityVersion(Version model, String existing) {
        Version old = toModelVersion(existing);
        Integer major = firstNonNull(model.getMajor(), model.getMajorAttribute(), old == null ? null : old.getMajor());
        Integer minor = firstNonNull(model.getMinor(), model.getMinorAttribute(), old == null ? null : old.getMinor());
        if (major == null || minor == null) {
            throw new IllegalArgumentException("a version needs both major and minor");
        }
        return major + "." + minor;
    }

    // ---------------------------------------------------------------- cpu

    /**
     * The entities know only the number of virtual CPUs; we show them as that many single-core sockets,
     * oVirt's default topology.
     */
    public static Cpu toCpuTopology(int numOfCpus) {
        CpuTopology topology = new CpuTopology();
        topology.setCores(1);
        topology.setSockets(numOfCpus);
        topology.setThreads(1);
        Cpu cpu = new Cpu();
        cpu.setTopology(topology);
        return cpu;
    }

    /**
     * cores * sockets * threads, as oVirt counts virtual CPUs, a missing factor counting as 1; null when
     * the document gives no topology.
     */
    public static Integer toNumOfCpus(Cpu cpu) {
        if (cpu == null || cpu.getTopology() == null) {
            return null;
        }
        CpuTopology t = cpu.getTopology();
        if (t.getCores() == null && t.getSockets() == null && t.getThreads() == null) {
            return null;
        }
        int n = orOne(t.getCores()) * orOne(t.getSockets()) * orOne(t.getThreads());
        if (n < 1) {
            throw new IllegalArgumentException("the cpu topology must give at least one cpu");
        }
        return n;
    }

    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
