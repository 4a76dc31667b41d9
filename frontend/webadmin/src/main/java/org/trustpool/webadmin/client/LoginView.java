package org.trustpool.webadmin.client;

import com.google.gwt.event.dom.client.KeyCodes;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.HTML;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.PasswordTextBox;
import com.google.gwt.user.client.ui.TextBox;

/** User and password; the engine checks them on the API's entry point. */
final class LoginView extends Composite {
    static final String DEFAULT_USER = "admin@internal";

    interface Handler {
        void login(String user, String password, LoginView view);
    }

    private final TextBox user = new TextBox();
    private final PasswordTextBox password = new PasswordTextBox();
    private final Button button = new Button("Log In");
    private final Label message = new Label();

    LoginView(String initialMessage, Handler handler) {
        FlowPanel panel = new FlowPanel();
        panel.setStyleName("login");
        panel.getElement().setId("login");
        panel.add(new HTML("<h1>Trustpool Administration Portal</h1>"));
        Forms.Grid grid = new Forms.Grid();
        grid.add("User Name", user, "login-user");
        grid.add("Password", password, "login-password");
        panel.add(grid);
        user.setText(DEFAULT_USER);
        button.getElement().setId("login-button");
        panel.add(button);
        message.setStyleName("message");
        message.getElement().setId("login-message");
        message.setText(initialMessage == null ? "" : initialMessage);
        panel.add(message);
        initWidget(panel);

        Runnable submit = () -> {
            button.setEnabled(false);
            message.setText("");
            handler.login(user.getText().trim(), password.getText(), this);
        };
        button.addClickHandler(e -> submit.run());
        password.addKeyDownHandler(e -> {
            if (e.getNativeKeyCode() == KeyCodes.KEY_ENTER) {
                submit.run();
            }
        });
    }

    void failed(String text) {
        button.setEnabled(true);
        message.setText(text);
        password.setFocus(true);
    }

    void focus() {
        if (user.getText().isEmpty()) {
            user.setFocus(true);
        } else {
            password.setFocus(true);
        }
    }
}
