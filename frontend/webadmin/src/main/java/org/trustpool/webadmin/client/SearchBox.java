package org.trustpool.webadmin.client;

import java.util.List;
import java.util.function.Function;

import com.google.gwt.event.dom.client.KeyCodes;
import com.google.gwt.http.client.URL;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.InlineLabel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.TextBox;
import com.google.gwt.xml.client.Element;

/**
 * A list's search bar, as oVirt's: the words go to the API's own {@code ?search=} (name=web* and
 * status=up, cluster=Default ...), so the portal finds what the API and the SDKs find. A plain word is
 * taken as part of a name (name=*word*). While a search is on, the list shows its answer, asked again at
 * every refresh; a query the engine cannot read is shown in its words beside the box.
 */
final class SearchBox<T> extends Composite {
    private final EngineApi api;
    private final String path;
    private final Function<Element, List<T>> parse;
    private final Runnable changed;
    private final TextBox box = new TextBox();
    private final Label error = new InlineLabel();
    /** The query sent ("" when none) and its answer (null until it arrives, or when there is no search). */
    private String query = "";
    private List<T> results;
    private int asked;
    /** Where a bare word is looked for: names, or the audit log's messages. */
    private String bareWordField = "name";

    SearchBox(EngineApi api, Inventory inventory, String idPrefix, String path, Function<Element, List<T>> parse, Runnable changed) {
        this.api = api;
        this.path = path;
        this.parse = parse;
        this.changed = changed;
        FlowPanel panel = new FlowPanel();
        panel.setStyleName("searchbar");
        InlineLabel label = new InlineLabel("Search:");
        label.setStyleName("search-label");
        box.getElement().setId(idPrefix + "-search");
        box.getElement().setAttribute("placeholder", "name=web* and status=up, or a part of a name");
        box.setStyleName("search-box");
        Button go = new Button("Search");
        go.getElement().setId(idPrefix + "-search-go");
        Button clear = new Button("\u00d7");
        clear.setTitle("Clear the search");
        clear.getElement().setId(idPrefix + "-search-clear");
        error.setStyleName("search-error");
        error.getElement().setId(idPrefix + "-search-error");
        panel.add(label);
        panel.add(box);
        panel.add(go);
        panel.add(clear);
        panel.add(error);
        initWidget(panel);
        go.addClickHandler(e -> submit());
        clear.addClickHandler(e -> {
            box.setText("");
            submit();
        });
        box.addKeyDownHandler(e -> {
            if (e.getNativeKeyCode() == KeyCodes.KEY_ENTER) {
                submit();
            }
        });
        inventory.onRefreshStarted(this::fetch);
    }

    SearchBox<T> bareWordsIn(String field) {
        this.bareWordField = field;
        return this;
    }

    /** The rows to show: the search's answer while one is on, else the whole list. */
    List<T> rows(List<T> all) {
        return query.isEmpty() ? all : results != null ? results : java.util.Collections.emptyList();
    }

    boolean active() {
        return !query.isEmpty();
    }

    private void submit() {
        query = XmlText.searchQuery(box.getText(), bareWordField);
        results = null;
        error.setText("");
        fetch();
        changed.run();
    }

    private void fetch() {
        if (query.isEmpty()) {
            return;
        }
        String sent = query;
        int mine = ++asked;
        api.get(path + (path.contains("?") ? "&" : "?") + "search=" + URL.encodeQueryString(sent), root -> {
            if (mine == asked && sent.equals(query)) {
                results = parse.apply(root);
                error.setText("");
                changed.run();
            }
        }, message -> {
            if (mine == asked && sent.equals(query)) {
                results = java.util.Collections.emptyList();
                error.setText(message);
                changed.run();
            }
        });
    }
}
