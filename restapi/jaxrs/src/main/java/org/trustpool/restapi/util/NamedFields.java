package org.trustpool.restapi.util;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.trustpool.bll.update.EntityField;

/**
 * Which fields an update request names, found from the mapper itself rather than a second list of XML
 * elements that could drift from it: the request is mapped onto two probes whose every field differs
 * (sample A, sample B). A field the request does not name keeps each probe's value; a field it names
 * comes out as the request's value, which differs from at least one of the two samples.
 */
public final class NamedFields {

    private NamedFields() {
    }

    /** apply: maps the request onto the entity given (the mapper's "model onto existing"). */
    public static <E> Set<String> of(UnaryOperator<E> apply, Supplier<E> blank, List<EntityField<E>> fields) {
        E probeA = blank.get();
        E probeB = blank.get();
        for (EntityField<E> field : fields) {
            field.set(probeA, field.sampleA());
            field.set(probeB, field.sampleB());
        }
        E mappedA = apply.apply(probeA);
        E mappedB = apply.apply(probeB);
        Set<String> named = new LinkedHashSet<>();
        for (EntityField<E> field : fields) {
            if (!Objects.equals(field.get(mappedA), field.sampleA()) || !Objects.equals(field.get(mappedB), field.sampleB())) {
                named.add(field.name());
            }
        }
        return named;
    }
}
