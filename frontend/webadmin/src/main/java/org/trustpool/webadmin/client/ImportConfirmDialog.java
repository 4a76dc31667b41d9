package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;

/**
 * The question the engine asks before a trusted cluster's VM or template lands in a cluster that is not
 * trusted (import, Edit VM to another cluster, New VM from a trusted cluster's template): its own words
 * (what would change), then "… Anyway" or "Cancel". Cancel sends nothing; only "… Anyway" re-sends the
 * request with force, which the engine records as a warning.
 */
final class ImportConfirmDialog extends FormDialog {
    private final Runnable confirmed;
    private final Runnable cancelled;

    /** The import's question: ids import-confirm-*, "Import Anyway". */
    ImportConfirmDialog(String engineText, Runnable confirmed, Runnable cancelled) {
        this("import-confirm", "Import Anyway", engineText, confirmed, cancelled);
    }

    /**
     * @param id the dialog's element id (its text is id-text, its buttons id-ok and id-cancel)
     * @param anyway the confirming button's words: "Import Anyway", "Move Anyway", "Create Anyway"
     */
    ImportConfirmDialog(String id, String anyway, String engineText, Runnable confirmed, Runnable cancelled) {
        super(anyway + "?", id, null, null);
        this.confirmed = confirmed;
        this.cancelled = cancelled;
        FlowPanel panel = new FlowPanel();
        Label text = new Label(engineText);
        text.getElement().setId(id + "-text");
        text.addStyleName("question");
        panel.add(text);
        panel.add(Forms.hint("Doing it anyway is recorded in the audit log as a warning, with your name."));
        setContent(panel);
        setButtonTexts(anyway, "Cancel");
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
