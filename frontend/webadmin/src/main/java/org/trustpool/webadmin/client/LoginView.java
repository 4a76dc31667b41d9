package org.trustpool.webadmin.client;

import com.google.gwt.event.dom.client.KeyCodes;
import com.google.gwt.user.client.ui.Button;
import com.google.gwt.user.client.ui.Composite;
import com.google.gwt.user.client.ui.FlowPanel;
import com.google.gwt.user.client.ui.HTML;
import com.google.gwt.user.client.ui.Label;
import com.google.gwt.user.client.ui.PasswordTextBox;
import com.google.gwt.user.client.ui.TextBox;

/** User and password, traded for an SSO token (EngineApi.login); the form forgets the password once sent. */
final class LoginView extends Composite {
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
        // Not pre-filled: the form does not tell a passer-by which account administers the engine.
        user.getElement().setAttribute("autocomplete", "username");
        password.getElement().setAttribute("autocomplete", "current-password");
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
            String secret = password.getText();
            password.setText(""); // the page keeps no copy of the password
            handler.login(user.getText().trim(), secret, this);
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
