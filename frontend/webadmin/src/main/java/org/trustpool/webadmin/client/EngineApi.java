package org.trustpool.webadmin.client;

import java.util.function.Consumer;

import com.google.gwt.core.client.GWT;
import com.google.gwt.http.client.Request;
import com.google.gwt.http.client.RequestBuilder;
import com.google.gwt.http.client.RequestCallback;
import com.google.gwt.http.client.RequestException;
import com.google.gwt.http.client.Response;
import com.google.gwt.xml.client.Document;
import com.google.gwt.xml.client.Element;
import com.google.gwt.xml.client.XMLParser;

/**
 * The REST API at /ovirt-engine/api, same origin, XML in and out. The credentials live only in this
 * object's memory (never in a cookie or storage) and go with every request as HTTP Basic; logging out
 * forgets them, and answers to requests sent before that are dropped.
 * <p>
 * Each request carries the Authorization header (so the engine answers at once) and also gives the same
 * credentials to XMLHttpRequest.open(): the API answers a wrong password with 401 and
 * {@code WWW-Authenticate: Basic}, and a browser shows its own password prompt for such an answer to a
 * request whose credentials it was not given (Chromium even holds the request until the prompt is
 * answered). Given them, it returns the 401 to us, and the login screen says what went wrong.
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

    private final String base;
    /** Both null when nobody is logged in. */
    private String user;
    private String password;
    /** Bumped at login and logout so that late answers from an earlier session are ignored. */
    private int session;
    private Runnable onUnauthorized = () -> { };

    EngineApi() {
        // The portal is served at <prefix>/webadmin/, the API at <prefix>/api.
        String page = GWT.getHostPageBaseURL();
        String prefix = page.endsWith("/webadmin/") ? page.substring(0, page.length() - "webadmin/".length()) : page;
        this.base = prefix + "api/";
    }

    /** Called when the engine stops accepting the credentials (401) in the middle of a session. */
    void onUnauthorized(Runnable handler) {
        this.onUnauthorized = handler;
    }

    String user() {
        return user;
    }

    boolean loggedIn() {
        return user != null;
    }

    /** Tries the credentials on the API's entry point; only a 200 keeps them. */
    void login(String userName, String secret, Runnable ok, Failure failed) {
        if (userName.isEmpty() || secret.isEmpty()) {
            failed.failed("Enter a user name and a password.");
            return;
        }
        int mySession = ++session;
        send(RequestBuilder.GET, "", null, userName, secret, new RequestCallback() {
            @Override
            public void onResponseReceived(Request request, Response response) {
                if (mySession != session) {
                    return;
                }
                if (response.getStatusCode() == 200) {
                    user = userName;
                    password = secret;
                    ok.run();
                } else if (response.getStatusCode() == 401) {
                    failed.failed("The user name or password is not correct.");
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

    void logout() {
        user = null;
        password = null;
        session++;
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

    void delete(String path, Consumer<Element> ok, Failure failed) {
        call(RequestBuilder.DELETE, path, null, ok, failed);
    }

    private void call(RequestBuilder.Method method, String path, String xml, Consumer<Element> ok, Failure failed) {
        callWithStatus(method, path, xml, ok, (status, message) -> failed.failed(message));
    }

    private void callWithStatus(RequestBuilder.Method method, String path, String xml, Consumer<Element> ok, Refusal failed) {
        if (user == null) {
            return;
        }
        int mySession = session;
        send(method, path, xml, user, password, new RequestCallback() {
            @Override
            public void onResponseReceived(Request request, Response response) {
                if (mySession != session) {
                    return; // logged out (or in again) since: not this session's business
                }
                int status = response.getStatusCode();
                if (status == 401) {
                    logout();
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

    private void send(RequestBuilder.Method method, String path, String xml, String userName, String secret,
            RequestCallback callback) {
        RequestBuilder builder = new RequestBuilder(method, base + path);
        builder.setHeader("Accept", "application/xml");
        builder.setHeader("Authorization", "Basic " + Base64.encode(userName + ":" + secret));
        builder.setUser(userName);
        builder.setPassword(secret);
        // Marks the call as the portal's own, so the API can tell it from a browser navigating there.
        builder.setHeader("X-Requested-With", "XMLHttpRequest");
        if (xml != null) {
            builder.setHeader("Content-Type", "application/xml");
        }
        builder.setTimeoutMillis(120_000);
        try {
            builder.sendRequest(xml, callback);
        } catch (RequestException e) {
            callback.onError(null, e);
        }
    }

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
