package org.trustpool.webadmin.client;

import com.google.gwt.event.dom.client.KeyCodes;
import com.google.gwt.user.client.Event;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.DialogBox;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.Widget;

/**
 * A dialog with OK and Cancel (Esc too). OK sends the request; when the engine refuses, its message is shown
 * in the dialog, which stays open with what the user typed, so it can be corrected.
 */
abstract class FormDialog extends DialogBox {
    protected final EngineApi api;
    protected final Inventory inventory;
    private final FlowPanel body = new FlowPanel();
    private final Label error = new Label();
    private final Button ok = new Button("OK");
    private final Button cancel = new Button("Cancel");

    FormDialog(String title, String id, EngineApi api, Inventory inventory) {
        super(false, true);
        this.api = api;
        this.inventory = inventory;
        setText(title);
        setGlassEnabled(true);
        getElement().setId(id);
        error.setStyleName("dialog-error");
        error.getElement().setId(id + "-error");
        error.setVisible(false);
        ok.getElement().setId(id + "-ok");
        cancel.getElement().setId(id + "-cancel");
        ok.addClickHandler(e -> {
            error.setVisible(false);
            onOk();
        });
        cancel.addClickHandler(e -> onCancel());
        FlowPanel buttons = new FlowPanel();
        buttons.setStyleName("dialog-buttons");
        buttons.add(ok);
        buttons.add(cancel);
        body.setStyleName("dialog-body");
        FlowPanel all = new FlowPanel();
        all.add(body);
        all.add(error);
        all.add(buttons);
        setWidget(all);
    }

    protected void setContent(Widget content) {
        body.clear();
        body.add(content);
    }

    protected abstract void onOk();

    /** Cancel closes the dialog; a dialog that someone waits on says so too. */
    protected void onCancel() {
        hide();
    }

    /** For a dialog whose OK is a decision with a name ("Import Anyway"). */
    protected void setButtonTexts(String okText, String cancelText) {
        ok.setText(okText);
        cancel.setText(cancelText);
    }

    /** While a request is out, OK is disabled: one click, one request. */
    protected void busy(boolean busy) {
        ok.setEnabled(!busy);
    }

    protected void showError(String message) {
        busy(false);
        error.setText(message);
        error.setVisible(true);
    }

    /** The engine did it: close, and show the result without waiting for the next refresh. */
    protected void done() {
        hide();
        inventory.refresh();
    }

    void open() {
        center();
        show();
    }

    /**
     * Esc closes the dialog as Cancel does (a dialog someone waits on is told). Only the topmost dialog
     * sees it: preview handlers run newest first, and the event is cancelled here, which the dialogs
     * beneath (PopupPanel.previewNativeEvent) then ignore.
     */
    @Override
    protected void onPreviewNativeEvent(Event.NativePreviewEvent event) {
        super.onPreviewNativeEvent(event);
        if (!event.isCanceled() && event.getTypeInt() == Event.ONKEYDOWN
                && event.getNativeEvent().getKeyCode() == KeyCodes.KEY_ESCAPE) {
            event.cancel();
            onCancel();
        }
    }

    /** Whether the memory (MB) and CPU count read from a form are whole numbers; if not, says which and returns false. */
    protected boolean validSizes(int memoryMb, int cpuCount) {
        if (memoryMb < 0) {
            showError("Memory must be a whole number of MB.");
            return false;
        }
        if (cpuCount < 0) {
            showError("The number of CPUs must be a whole number.");
            return false;
        }
        return true;
    }

    protected static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
