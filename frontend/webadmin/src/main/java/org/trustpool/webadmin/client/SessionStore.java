package org.trustpool.webadmin.client;

/**
 * The tab's sessionStorage: what a reload must keep (the SSO token, the user's name) and nothing else.
 * It is per tab and per origin, and the browser drops it with the tab; never the password.
 */
final class SessionStore {
    private SessionStore() {
    }

    static native String get(String key) /*-{
        try {
            return $wnd.sessionStorage.getItem(key);
        } catch (e) {
            return null;
        }
    }-*/;

    static native void put(String key, String value) /*-{
        try {
            $wnd.sessionStorage.setItem(key, value);
        } catch (e) {
            // storage refused (private mode): the session then ends with the page, as before
        }
    }-*/;

    static native void remove(String key) /*-{
        try {
            $wnd.sessionStorage.removeItem(key);
        } catch (e) {
        }
    }-*/;
}
