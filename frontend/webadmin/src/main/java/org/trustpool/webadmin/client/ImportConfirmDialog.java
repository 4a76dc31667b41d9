package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;

/**
 * The question the engine asks before a trusted cluster's export goes into a cluster that is not trusted:
 * its own words (what would be lost), then "Import Anyway" or "Cancel". Cancel sends nothing.
 */
final class ImportConfirmDialog extends FormDialog {
    private final Runnable confirmed;
    private final Runnable cancelled;

    ImportConfirmDialog(String engineText, Runnable confirmed, Runnable cancelled) {
        super("Import Anyway?", "import-confirm", null, null);
        this.confirmed = confirmed;
        this.cancelled = cancelled;
        FlowPanel panel = new FlowPanel();
        Label text = new Label(engineText);
        text.getElement().setId("import-confirm-text");
        text.addStyleName("question");
        panel.add(text);
        panel.add(Forms.hint("Importing it anyway is recorded in the audit log with your name."));
        setContent(panel);
        setButtonTexts("Import Anyway", "Cancel");
    }

    @Override
    protected void onOk() {
        hide();
        confirmed.run();
    }

    @Override
    protected void onCancel() {
        hide();
        cancelled.run();
    }
}
