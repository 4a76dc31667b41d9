package org.trustpool.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium for the browser tests: Debian's chromium and chromedriver, never a download. */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getProperty("webadmin.it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("webadmin.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("webadmin.it.screenshots", "target/screenshots"));

    private Browser() {
    }

    /**
     * CI (.ci/run sets TRUSTPOOL_REQUIRE_BROWSER=1 after installing the browser) fails when the browser
     * is missing: there its absence is a broken setup that must show, not a reason to pass without having
     * looked at the portal. On a developer's machine with only Java and Maven the browser tests are
     * skipped instead, saying what to install, so the README's test command still runs everything else.
     */
    static void requireInstalled() {
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                String message = p + " is missing, so the portal cannot be tested in a browser. Install Debian's "
                        + "browser and driver with `apt-get install -y chromium chromium-driver` (.ci/run does), or point "
                        + "-Dwebadmin.it.chromium / -Dwebadmin.it.chromedriver at them.";
                if ("1".equals(System.getenv("TRUSTPOOL_REQUIRE_BROWSER"))) {
                    throw new AssertionError(message);
                }
                org.junit.jupiter.api.Assumptions.abort(message);
            }
        }
    }

    static WebDriver start() {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1400,900");
        // Chromium's DevTools network events, so a test can read every request the page sent (its URL and headers).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL"));
        // With the driver given, Selenium Manager does not try to download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        return new ChromeDriver(service, options);
    }

    static Path screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(name + ".png");
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return png;
    }

    /** Saves target/screenshots/<test>.png (and the page's HTML beside it) when a test or its setup fails. */
    static final class ScreenshotOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
        private final Supplier<WebDriver> driver;

        ScreenshotOnFailure(Supplier<WebDriver> driver) {
            this.driver = driver;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            save(context, throwable);
            throw throwable;
        }

        @Override
        public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            save(context, throwable);
            throw throwable;
        }

        private void save(ExtensionContext context, Throwable failure) {
            WebDriver d = driver.get();
            if (d == null) {
                return;
            }
            String name = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
            try {
                Path png = screenshot(d, name);
                Files.writeString(png.resolveSibling(name + ".html"), d.getPageSource(), StandardCharsets.UTF_8);
                failure.addSuppressed(new AssertionError("screenshot of the failure: " + png.toAbsolutePath()));
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
