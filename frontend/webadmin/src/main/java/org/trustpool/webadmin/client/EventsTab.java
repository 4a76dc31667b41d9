package org.trustpool.webadmin.client;

/** The audit log, newest first, as the engine returns it. */
final class EventsTab extends MainTab {
    private final ListTable<Rows.Event> table;
    private final SearchBox<Rows.Event> search;

    EventsTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        // severity=error, host=host-04, type=VDS_UNTRUSTED, message=*PCR*: the newest matches, as many as the tab shows.
        search = new SearchBox<>(api, inventory, "events", "events?max=" + Inventory.EVENTS_SHOWN, Rows::events, this::render)
                .bareWordsIn("message");
        setSearch(search);
        table = new ListTable<Rows.Event>("events", e -> e.id, e -> e.id)
                .column("severity", "Severity", e -> e.severity, e -> "severity-" + e.severity)
                .column("time", "Time (UTC)", e -> e.time)
                .column("message", "Message", e -> e.description);
        setList(table);
        bindPlace(table);
    }

    @Override
    protected void render() {
        table.setRows(search.rows(inventory.events));
    }
}
