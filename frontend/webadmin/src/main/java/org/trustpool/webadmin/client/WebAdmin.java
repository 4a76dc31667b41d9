package org.trustpool.webadmin.client;

import com.google.gwt.core.client.EntryPoint;
import com.google.gwt.core.client.Scheduler;
import com.google.gwt.user.client.ui.PopupPanel;
import com.google.gwt.user.client.ui.RootPanel;
import com.google.gwt.user.client.ui.Widget;

/** The portal's entry point: the login screen, then the main view until logout (or a 401). */
public final class WebAdmin implements EntryPoint {
    private final EngineApi api = new EngineApi();
    private MainView main;

    @Override
    public void onModuleLoad() {
        api.onUnauthorized(() -> showLogin("The engine no longer accepts your credentials. Please log in again."));
        // A reload keeps the tab's session (its SSO token) and the place the URL names.
        api.resume(this::showMain, () -> showLogin(null));
    }

    private void showLogin(String message) {
        if (main != null) {
            main.stop();
            main = null;
        }
        closeDialogs();
        RootPanel root = RootPanel.get("app");
        root.clear();
        LoginView login = new LoginView(message, (user, password, view) ->
                api.login(user, password, this::showMain, view::failed));
        root.add(login);
        Scheduler.get().scheduleDeferred(login::focus);
    }

    private void showMain() {
        RootPanel root = RootPanel.get("app");
        root.clear();
        main = new MainView(api, this::logout);
        root.add(main);
        main.start();
    }

    /** Dialogs live beside the app, on the page itself: a session that ends takes them along. */
    private static void closeDialogs() {
        java.util.List<PopupPanel> open = new java.util.ArrayList<>();
        for (Widget w : RootPanel.get()) {
            if (w instanceof PopupPanel) {
                open.add((PopupPanel) w);
            }
        }
        open.forEach(PopupPanel::hide);
    }

    /** Revokes the token and forgets it: nothing of the session stays in the page or the tab. */
    private void logout() {
        api.logout();
        showLogin(null);
    }
}
