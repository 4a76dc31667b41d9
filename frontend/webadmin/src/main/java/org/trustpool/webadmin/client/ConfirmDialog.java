package org.trustpool.webadmin.client;

import com.google.gwt.user.client.ui.Label;

/** "Are you sure?" before something that cannot be undone. */
final class ConfirmDialog extends FormDialog {
    private final Runnable confirmed;

    ConfirmDialog(String title, String question, Runnable confirmed) {
        super(title, "confirm", null, null);
        this.confirmed = confirmed;
        Label text = new Label(question);
        text.getElement().setId("confirm-text");
        setContent(text);
    }

    @Override
    protected void onOk() {
        hide();
        confirmed.run();
    }
}
