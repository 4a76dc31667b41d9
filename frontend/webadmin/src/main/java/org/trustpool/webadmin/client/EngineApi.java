package org.trustpool.webadmin.client;

import java.util.function.Consumer;

import com.google.gwt.core.client.GWT;
import com.google.gwt.http.client.Request;
import com.google.gwt.http.client.RequestBuilder;
import com.google.gwt.http.client.RequestCallback;
import com.google.gwt.http.client.RequestException;
import com.google.gwt.http.client.Response;
import com.google.gwt.http.client.URL;
import com.google.gwt.xml.client.Document;
import com.google.gwt.xml.client.Element;
import com.google.gwt.xml.client.XMLParser;

/**
 * The REST API at /ovirt-engine/api, same origin, XML in and out.
 * <p>
 * The session is an SSO token, as the oVirt SDKs get one: the password goes once, in the body of a POST
 * to /ovirt-engine/sso/oauth/token, and is forgotten at once; every later request carries only
 * {@code Authorization: Bearer <token>}. So the password is never kept in the page and never put in a
 * URL (where the browser's console, history and proxies would show it). The token is kept in the tab's
 * sessionStorage, so a reload (F5) or a history step keeps the session while a new tab, or the browser
 * closed, starts logged out; Logout revokes it on the engine (/services/sso-logout) and forgets it.
 * A token that stops working (revoked, expired, the user's password changed) gets 401 and the login
 * screen. Every request says X-Requested-With, so the engine answers a 401 without a Basic challenge
 * and the browser never shows its own password prompt.
 */
final class EngineApi {
    /** What went wrong, in words a person can act on. */
    interface Failure {
        void failed(String message);
    }

    /**
     * A refusal with the HTTP status it came with (0 when the engine was not reached), for a caller that
     * answers one refusal differently from the others (the import that asks before losing trust).
     */
    interface Refusal {
        void refused(int status, String message);
    }

    /** sessionStorage keys: the tab's session survives a reload, not the tab. */
    private static final String TOKEN_KEY = "trustpool.webadmin.token";
    private static final String USER_KEY = "trustpool.webadmin.user";

    private final String prefix;
    private final String base;
    /** Both null when nobody is logged in. */
    private String user;
    private String token;
    /** Bumped at login and logout so that late answers from an earlier session are ignored. */
    private int session;
    private Runnable onUnauthorized = () -> { };

    EngineApi() {
        // The portal is served at <prefix>/webadmin/, the API at <prefix>/api, SSO at <prefix>/sso.
        String page = GWT.getHostPageBaseURL();
        this.prefix = page.endsWith("/webadmin/") ? page.substring(0, page.length() - "webadmin/".length()) : page;
        this.base = prefix + "api/";
    }

    /** Called when the engine stops accepting the token (401) in the middle of a session. */
    void onUnauthorized(Runnable handler) {
        this.onUnauthorized = handler;
    }

    String user() {
        return user;
    }

    boolean loggedIn() {
        return token != null;
    }

    /**
     * After a reload: the token this tab kept, if the engine still takes it (ok), else nothing (none).
     * Nothing is asked when the tab has no token.
     */
    void resume(Runnable ok, Runnable none) {
        String kept = SessionStore.get(TOKEN_KEY);
        String keptUser = SessionStore.get(USER_KEY);
        if (kept == null || kept.isEmpty() || keptUser == null) {
            none.run();
            return;
        }
        int mySession = ++session;
        send(RequestBuilder.GET, base, null, "Bearer " + kept, null, new RequestCallback() {
            @Override
            public void onResponseReceived(Request request, Response response) {
                if (mySession != session) {
                    return;
                }
                if (response.getStatusCode() == 200) {
                    user = keptUser;
                    token = kept;
                    ok.run();
                } else {
                    forget();
                    none.run();
                }
            }

            @Override
            public void onError(Request request, Throwable exception) {
                if (mySession == session) {
                    none.run(); // kept: the engine may be back on the next reload
                }
            }
        });
    }

    /** Trades the user name and password for a token; only the token is kept. */
    void login(String userName, String secret, Runnable ok, Failure failed) {
        if (userName.isEmpty() || secret.isEmpty()) {
            failed.failed("Enter a user name and a password.");
            return;
        }
        int mySession = ++session;
        String form = "grant_type=password&scope=ovirt-app-api&username=" + URL.encodeQueryString(userName)
                + "&password=" + URL.encodeQueryString(secret);
        send(RequestBuilder.POST, prefix + "sso/oauth/token", form, null, "application/x-www-form-urlencoded", new RequestCallback() {
            @Override
            public void onResponseReceived(Request request, Response response) {
                if (mySession != session) {
                    return;
                }
                int status = response.getStatusCode();
                String accessToken = status == 200 ? jsonString(response.getText(), "access_token") : null;
                if (accessToken != null && !accessToken.isEmpty()) {
                    user = userName;
                    token = accessToken;
                    SessionStore.put(TOKEN_KEY, accessToken);
                    SessionStore.put(USER_KEY, userName);
                    ok.run();
                } else if (status == 401) {
                    failed.failed("The user name or password is not correct.");
                } else if (jsonString(response.getText(), "error_description") != null) {
                    failed.failed(jsonString(response.getText(), "error_description")); // e.g. 429: wait, in the engine's words
                } else {
                    failed.failed(describe(response));
                }
            }

            @Override
            public void onError(Request request, Throwable exception) {
                failed.failed(unreachable(exception));
            }
        });
    }

    /** Ends the session here and on the engine: the token is revoked (sent in a POST body, never a URL). */
    void logout() {
        if (token != null) {
            send(RequestBuilder.POST, prefix + "services/sso-logout", "token=" + URL.encodeQueryString(token), null,
                    "application/x-www-form-urlencoded", new RequestCallback() {
                        @Override public void onResponseReceived(Request request, Response response) { }
                        @Override public void onError(Request request, Throwable exception) { }
                    });
        }
        forget();
    }

    /** Forgets the session in this tab without asking the engine (it no longer takes the token anyway). */
    private void forget() {
        user = null;
        token = null;
        session++;
        SessionStore.remove(TOKEN_KEY);
        SessionStore.remove(USER_KEY);
    }

    void get(String path, Consumer<Element> ok, Failure failed) {
        call(RequestBuilder.GET, path, null, ok, failed);
    }

    void post(String path, String xml, Consumer<Element> ok, Failure failed) {
        call(RequestBuilder.POST, path, xml, ok, failed);
    }

    /** A POST whose refusal is told with its HTTP status. */
    void postWithStatus(String path, String xml, Consumer<Element> ok, Refusal refused) {
        callWithStatus(RequestBuilder.POST, path, xml, ok, refused);
    }

    void put(String path, String xml, Consumer<Element> ok, Failure failed) {
        call(RequestBuilder.PUT, path, xml, ok, failed);
    }

    /** A PUT whose refusal is told with its HTTP status. */
    void putWithStatus(String path, String xml, Consumer<Element> ok, Refusal refused) {
        callWithStatus(RequestBuilder.PUT, path, xml, ok, refused);
    }

    void delete(String path, Consumer<Element> ok, Failure failed) {
        call(RequestBuilder.DELETE, path, null, ok, failed);
    }

    private void call(RequestBuilder.Method method, String path, String xml, Consumer<Element> ok, Failure failed) {
        callWithStatus(method, path, xml, ok, (status, message) -> failed.failed(message));
    }

    private void callWithStatus(RequestBuilder.Method method, String path, String xml, Consumer<Element> ok, Refusal failed) {
        if (token == null) {
            return;
        }
        int mySession = session;
        send(method, base + path, xml, "Bearer " + token, xml != null ? "application/xml" : null, new RequestCallback() {
            @Override
            public void onResponseReceived(Request request, Response response) {
                if (mySession != session) {
                    return; // logged out (or in again) since: not this session's business
                }
                int status = response.getStatusCode();
                if (status == 401) {
                    forget();
                    onUnauthorized.run();
                } else if (status >= 200 && status < 300) {
                    Element root = null;
                    String text = response.getText();
                    if (text != null && !text.trim().isEmpty()) {
                        try {
                            root = XMLParser.parse(text).getDocumentElement();
                        } catch (RuntimeException e) {
                            failed.refused(status, "The engine's answer is not XML.");
                            return;
                        }
                    }
                    ok.accept(root);
                } else {
                    failed.refused(status, describe(response));
                }
            }

            @Override
            public void onError(Request request, Throwable exception) {
                if (mySession == session) {
                    failed.refused(0, unreachable(exception));
                }
            }
        });
    }

    private void send(RequestBuilder.Method method, String url, String body, String authorization, String contentType,
            RequestCallback callback) {
        RequestBuilder builder = new RequestBuilder(method, url);
        builder.setHeader("Accept", method == RequestBuilder.POST && url.startsWith(prefix + "sso/") ? "application/json"
                : "application/xml");
        if (authorization != null) {
            builder.setHeader("Authorization", authorization);
        }
        // Marks the call as the portal's own: the engine answers 401 without a Basic challenge (no browser prompt).
        builder.setHeader("X-Requested-With", "XMLHttpRequest");
        if (contentType != null) {
            builder.setHeader("Content-Type", contentType);
        }
        builder.setTimeoutMillis(120_000);
        try {
            builder.sendRequest(body, callback);
        } catch (RequestException e) {
            callback.onError(null, e);
        }
    }

    /** A string member of a JSON object (the SSO endpoint's answer), null when absent or not JSON. */
    private static native String jsonString(String json, String member) /*-{
        try {
            var o = JSON.parse(json);
            var v = o && o[member];
            return typeof v === 'string' ? v : null;
        } catch (e) {
            return null;
        }
    }-*/;

    /** A fault's detail (the engine's own words), or the HTTP status when there is no fault. */
    static String describe(Response response) {
        if (response.getStatusCode() == 0) {
            return "The engine cannot be reached.";
        }
        String text = response.getText();
        if (text != null && text.contains("<fault")) {
            try {
                Document doc = XMLParser.parse(text);
                Element fault = doc.getDocumentElement();
                String message = XmlText.faultText(Rows.text(fault, "reason"), Rows.text(fault, "detail"));
                if (!message.isEmpty()) {
                    return message;
                }
            } catch (RuntimeException e) {
                // not a fault after all: fall through to the status line
            }
        }
        return "The engine answered " + response.getStatusCode() + " " + response.getStatusText() + ".";
    }

    private static String unreachable(Throwable exception) {
        return "The engine cannot be reached" + (exception != null && exception.getMessage() != null
                ? ": " + exception.getMessage() : ".");
    }
}
