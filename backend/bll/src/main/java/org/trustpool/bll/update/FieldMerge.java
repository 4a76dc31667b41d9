package org.trustpool.bll.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The merge of an update into the current row, made by the command under the entity's lock: only the
 * fields the request named are taken from it, everything else stays as it is now. So two requests that
 * change different fields of one VM both land, whatever order they run in (each used to write back the
 * whole row it had read before the other's change, and one field was lost, a trust flag included).
 *
 * A named field whose current value is neither what the request was based on nor what it asks for was
 * changed by somebody else since the request read it: that is a conflict the caller must see (409),
 * not something to overwrite silently.
 */
public final class FieldMerge {

    private FieldMerge() {
    }

    /** The outcome: the merged entity, or the names of the fields that conflict (then merged is null). */
    public record Result<E>(E merged, List<String> conflicts) {
        public boolean conflicting() {
            return !conflicts.isEmpty();
        }
    }

    /**
     * @param base what the request was made against (the row when the request arrived)
     * @param requested base with the request's fields applied
     * @param current the row now, read under the entity's lock
     * @param named the names of the fields the request set
     * @param copy makes an independent copy of an entity (the merge never changes current)
     */
    public static <E> Result<E> merge(E base, E requested, E current, Set<String> named, List<EntityField<E>> fields, UnaryOperator<E> copy) {
        List<String> conflicts = new ArrayList<>();
        E merged = copy.apply(current);
        for (EntityField<E> field : fields) {
            if (!named.contains(field.name())) {
                continue;
            }
            Object now = field.get(current);
            Object wanted = field.get(requested);
            if (!Objects.equals(now, field.get(base)) && !Objects.equals(now, wanted)) {
                conflicts.add(field.name());
            }
            field.set(merged, wanted);
        }
        return conflicts.isEmpty() ? new Result<>(merged, List.of()) : new Result<>(null, List.copyOf(conflicts));
    }
}
