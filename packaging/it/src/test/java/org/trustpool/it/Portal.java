package org.trustpool.it;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin portal as a person uses it, by the element ids the portal gives: log in, open a tab, pick a
 * row, press a button, fill a dialog. Lists refresh every few seconds, so every look is a wait that
 * tolerates a row being redrawn under it.
 */
final class Portal {
    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;
    private final String url;

    Portal(WebDriver driver, String url) {
        this.driver = driver;
        this.url = url.endsWith("/") ? url : url + "/";
    }

    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).withMessage(what)
                .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .until(condition);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, WAIT, condition);
    }

    void open() {
        driver.get(url);
        await("the login screen", ExpectedConditions.visibilityOfElementLocated(By.id("login-password")));
    }

    void login(String user, String password) {
        open();
        type("login-user", user);
        type("login-password", password);
        click("login-button");
        await("the main view after login", ExpectedConditions.visibilityOfElementLocated(By.id("main")));
    }

    void logout() {
        click("logout");
        await("the login screen after logout", ExpectedConditions.visibilityOfElementLocated(By.id("login-password")));
    }

    boolean onLoginScreen() {
        return !driver.findElements(By.id("login")).isEmpty() && driver.findElements(By.id("main")).isEmpty();
    }

    /**
     * The element's text, read inside the wait: the portal redraws lists and the host's Trust panel while they
     * are shown (every second there), so an element found a moment ago may be gone; it is found again.
     */
    String text(String id) {
        return await("#" + id, d -> {
            WebElement element = d.findElement(By.id(id));
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    /** An attribute of the element, found again when a redraw replaced it (see {@link #text}). */
    String attribute(String id, String name) {
        return await("#" + id + " @" + name, d -> d.findElement(By.id(id)).getAttribute(name));
    }

    boolean displayed(String id) {
        return readAgainIfRedrawn(() -> {
            List<WebElement> found = driver.findElements(By.id(id));
            return !found.isEmpty() && found.get(0).isDisplayed();
        });
    }

    /** Reads the page again (up to three times) when a redraw replaced an element while it was being read. */
    private static <T> T readAgainIfRedrawn(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    void click(String id) {
        await("#" + id + " clickable", ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /**
     * Clicks what a CSS selector finds, finding it again when the portal's periodic redraw replaced it
     * between finding and clicking (lists and their headers are redrawn every few seconds).
     */
    void clickCss(String css) {
        await(css + " clicked", d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    boolean enabled(String id) {
        return readAgainIfRedrawn(() -> driver.findElement(By.id(id)).isEnabled());
    }

    void type(String id, String text) {
        WebElement field = await("#" + id, ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    void choose(String selectId, String visibleText) {
        await("option '" + visibleText + "' in #" + selectId, d -> {
            new Select(d.findElement(By.id(selectId))).selectByVisibleText(visibleText);
            return true;
        });
    }

    String chosen(String selectId) {
        return new Select(driver.findElement(By.id(selectId))).getFirstSelectedOption().getText();
    }

    List<String> options(String selectId) {
        return new Select(driver.findElement(By.id(selectId))).getOptions().stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** A GWT radio button or checkbox is a span around its input; ids are on the span. */
    WebElement input(String id) {
        return driver.findElement(By.id(id)).findElement(By.tagName("input"));
    }

    void tab(String key) {
        click("tab-" + key);
        await("the " + key + " tab", ExpectedConditions.visibilityOfElementLocated(By.id(key + "-table")));
    }

    static By row(String list, String name) {
        return By.id(list + "-row-" + name);
    }

    static By cell(String list, String name, String column) {
        return By.xpath("//tr[@id='" + list + "-row-" + name + "']/td[@data-col='" + column + "']");
    }

    String cellText(String list, String name, String column) {
        return await(list + " row " + name, d -> d.findElement(cell(list, name, column)).getText());
    }

    /** Waits until a cell shows the expected text (the list refreshes on its own). */
    void awaitCell(String list, String name, String column, String expected, Duration timeout) {
        await(list + " row " + name + " column " + column + " to show '" + expected + "'", timeout,
                d -> expected.equals(d.findElement(cell(list, name, column)).getText()));
    }

    void awaitRow(String list, String name) {
        await(list + " row " + name, ExpectedConditions.visibilityOfElementLocated(row(list, name)));
    }

    void awaitNoRow(String list, String name) {
        await(list + " row " + name + " gone", d -> d.findElements(row(list, name)).isEmpty());
    }

    void select(String list, String name) {
        await("selecting " + list + " row " + name, d -> {
            WebElement row = d.findElement(row(list, name));
            if (!row.getAttribute("class").contains("selected")) {
                row.findElement(By.tagName("td")).click();
            }
            return d.findElement(row(list, name)).getAttribute("class").contains("selected");
        });
    }

    void sideTab(String dialogPrefix, String key) {
        click(dialogPrefix + "-sidetab-" + key);
        await("side tab " + key, ExpectedConditions.visibilityOfElementLocated(By.id(dialogPrefix + "-pane-" + key)));
    }

    /** A dialog's caption, as oVirt's dialogs are titled ("Export Virtual Machine"). */
    String dialogTitle(String dialogId) {
        return await("the caption of #" + dialogId, d -> {
            String text = d.findElement(By.cssSelector("#" + dialogId + " .Caption")).getText();
            return text.isEmpty() ? null : text;
        });
    }

    void awaitClosed(String dialogId) {
        await("dialog #" + dialogId + " to close", d -> d.findElements(By.id(dialogId)).isEmpty()
                || !d.findElement(By.id(dialogId)).isDisplayed());
    }

    /** The message bar's text once it shows one. */
    String message() {
        return await("a message in the message bar", d -> {
            WebElement bar = d.findElement(By.id("message"));
            String text = d.findElement(By.id("message-text")).getText();
            return bar.isDisplayed() && !text.isEmpty() ? text : null;
        });
    }

    String messageStyle() {
        return driver.findElement(By.id("message")).getAttribute("class");
    }
}
