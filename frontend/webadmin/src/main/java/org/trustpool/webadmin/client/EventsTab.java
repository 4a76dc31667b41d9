package org.trustpool.webadmin.client;

/** The audit log, newest first, as the engine returns it. */
final class EventsTab extends MainTab {
    private final ListTable<Rows.Event> table;

    EventsTab(EngineApi api, Inventory inventory, Notice notice) {
        super(api, inventory, notice);
        table = new ListTable<Rows.Event>("events", e -> e.id, e -> e.id)
                .column("severity", "Severity", e -> e.severity, e -> "severity-" + e.severity)
                .column("time", "Time (UTC)", e -> e.time)
                .column("message", "Message", e -> e.description);
        setList(table);
        bindPlace(table);
    }

    @Override
    protected void render() {
        table.setRows(inventory.events);
    }
}
