package org.trustpool.restapi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

class SearchQueryTest {
    record Item(String name, String status) {
    }

    private static final Map<String, Function<Item, String>> FIELDS = Map.of("name", Item::name, "status", Item::status);
    private static final List<Item> ITEMS = List.of(new Item("web1", "up"), new Item("Web2", "down"),
            new Item("db1", "up"), new Item("a.b", "up"), new Item("axb", "up"));

    private static List<String> find(String query) {
        SearchQuery<Item> q = SearchQuery.parse(query, FIELDS);
        return ITEMS.stream().filter(q::matches).map(Item::name).toList();
    }

    @Test
    void wildcardsAndCaseInsensitivity() {
        assertEquals(List.of("web1", "Web2"), find("name=web*"));
        assertEquals(List.of("web1", "db1"), find("name=*1"));
        assertEquals(List.of("db1"), find("name=db1"));
        assertEquals(ITEMS.size(), find("").size());
    }

    @Test
    void termsJoinedByAnd() {
        assertEquals(List.of("web1"), find("name=web* and status=up"));
        assertEquals(List.of("Web2"), find("name=web* AND status=down"));
    }

    @Test
    void valuesAreLiteralNotRegularExpressions() {
        assertEquals(List.of("a.b"), find("name=a.b"));
        assertEquals(List.of(), find("name=(.*)"));
    }

    @Test
    void unknownFieldsAndGarbageAre400() {
        WebApplicationException unknown = assertThrows(WebApplicationException.class, () -> find("owner=bob"));
        assertEquals(400, unknown.getResponse().getStatus());
        assertEquals(400, assertThrows(WebApplicationException.class, () -> find("justaword")).getResponse().getStatus());
        assertEquals(400, assertThrows(WebApplicationException.class, () -> find("name=" + "x".repeat(2000))).getResponse().getStatus());
    }

    @Test
    void boundsAreCheckedBeforeAnythingIsMatched() {
        assertEquals(List.of(), find("name=" + "*".repeat(22) + "X"));
        assertEquals(List.of("web1", "Web2"), find("name=" + "*".repeat(22) + "w*"));
        WebApplicationException tooLong = assertThrows(WebApplicationException.class, () -> find("name=" + "*".repeat(SearchQuery.MAX_VALUE_LENGTH + 1)));
        assertEquals(400, tooLong.getResponse().getStatus());
        assertEquals(List.of(), find("name=" + "*".repeat(SearchQuery.MAX_VALUE_LENGTH - 1) + "X"));
        String manyTerms = String.join(" and ", java.util.Collections.nCopies(SearchQuery.MAX_TERMS + 1, "name=*"));
        assertEquals(400, assertThrows(WebApplicationException.class, () -> find(manyTerms)).getResponse().getStatus());
    }
}
