package org.trustpool.restapi.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * oVirt's ?search= for collections, the part administrators use most: terms field=value joined by
 * "and", '*' as a wildcard, matched without regard to case (name=web*, status=up, cluster=Default).
 * The value is matched literally apart from '*': it never becomes a regular expression or SQL, and it
 * is matched in linear time (GlobPattern), so a hostile pattern costs what a plain one costs. Lengths
 * are bounded before anything is matched: the whole search, each value, and the number of terms.
 */
public final class SearchQuery<T> {
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    static final int MAX_LENGTH = 1000;
    /** Longer than any name or status; a value past it is refused, not truncated (400). */
    static final int MAX_VALUE_LENGTH = 255;
    static final int MAX_TERMS = 10;

    private final List<Predicate<T>> terms;

    private SearchQuery(List<Predicate<T>> terms) {
        this.terms = terms;
    }

    /** Parses the query against the fields a collection offers; a bad query is a 400 fault. */
    public static <T> SearchQuery<T> parse(String query, Map<String, Function<T, String>> fields) {
        List<Predicate<T>> terms = new ArrayList<>();
        if (query == null || query.isBlank()) {
            return new SearchQuery<>(terms);
        }
        if (query.length() > MAX_LENGTH) {
            throw FaultException.badRequest("The search is longer than " + MAX_LENGTH + " characters.");
        }
        String[] split = AND.split(query.trim());
        if (split.length > MAX_TERMS) {
            throw FaultException.badRequest("The search has more than " + MAX_TERMS + " terms.");
        }
        for (String term : split) {
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw FaultException.badRequest("Cannot understand the search term '" + term + "': use field=value, e.g. name=web*.");
            }
            String field = term.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            Function<T, String> getter = fields.get(field);
            if (getter == null) {
                throw FaultException.badRequest("Cannot search by '" + field + "'; possible fields: " + String.join(", ", fields.keySet()) + ".");
            }
            String raw = unquote(term.substring(eq + 1).trim());
            if (raw.length() > MAX_VALUE_LENGTH) {
                throw FaultException.badRequest("The search value for '" + field + "' is longer than " + MAX_VALUE_LENGTH + " characters.");
            }
            GlobPattern value = GlobPattern.compile(raw);
            terms.add(item -> value.matches(getter.apply(item)));
        }
        return new SearchQuery<>(terms);
    }

    public boolean matches(T item) {
        return terms.stream().allMatch(t -> t.test(item));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
