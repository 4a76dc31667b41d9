package org.trustpool.bll.update;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One field an update request may name: how to read and write it, and two different sample values
 * (so a probe can tell whether a request set it, whatever value it set; see NamedFields in the REST layer).
 */
public record EntityField<E>(String name, Function<E, Object> getter, BiConsumer<E, Object> setter, Object sampleA, Object sampleB) {

    @SuppressWarnings("unchecked")
    public static <E, V> EntityField<E> of(String name, Function<E, V> getter, BiConsumer<E, V> setter, V sampleA, V sampleB) {
        return new EntityField<>(name, (Function<E, Object>) getter, (e, v) -> setter.accept(e, (V) v), sampleA, sampleB);
    }

    public Object get(E entity) {
        return getter.apply(entity);
    }

    public void set(E entity, Object value) {
        setter.accept(entity, value);
    }
}
