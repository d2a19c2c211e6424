package io.chorus.it.admin;

import io.chorus.it.support.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in real headless Chromium (Debian's, through its chromedriver), for the tests
 * that look at it: {@link AdminConsoleIT}, and those whose own deployment makes figures the default
 * one cannot (PushIT's pushes). Screenshots go to {@code target/screenshots}.
 */
public final class ConsoleBrowser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");

    private final WebDriver browser;
    private final WebDriverWait wait;

    public ConsoleBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")).toFile())
                .build();
        browser = new ChromeDriver(service, options);
        wait = newWait();
    }

    /** A 30 s wait. The dashboard replaces its rows every 2 s: an element read as it is replaced is read again. */
    private WebDriverWait newWait() {
        return (WebDriverWait) new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class);
    }

    public WebDriver driver() {
        return browser;
    }

    /** Waits up to 30 s for a condition. */
    public WebDriverWait await() {
        return wait;
    }

    /** Opens the console's page: the sign-in form, or the console if this browser is signed in. */
    public void open() {
        browser.get(Server.baseUri().resolve("/admin/").toString());
    }

    /** Signs in on the open page's form with {@code account} and {@code password}. */
    public void signIn(String account, String password) {
        browser.findElement(By.name("account")).sendKeys(account);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    /** Opens the console and signs in as the server's administrator ({@link Admins}); returns when the console shows. */
    public void signInAsAdmin() {
        open();
        signIn(Admins.ACCOUNT, Admins.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    }

    public boolean visible(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    public String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The texts of the push card's row of {@code provider} (apns, fcm, webpush); empty while it has none. */
    public List<String> pushRow(String provider) {
        return browser.findElements(By.cssSelector("#push tbody tr[data-provider='" + provider + "'] td")).stream()
                .map(WebElement::getText).toList();
    }

    /** Waits until the push card's row of {@code provider} shows {@code expected}; the timeout says what it showed. */
    public void awaitPushRow(String provider, List<String> expected) {
        // A wait of its own: withMessage sets the message on the wait it is called on, and the shared
        // one would give this row's message to every later timeout of the test.
        newWait().withMessage(() -> "the push card's " + provider + " row: expected " + expected + ", shown " + pushRow(provider))
                .until(d -> pushRow(provider).equals(expected));
    }

    public void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        browser.quit();
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", paths) + " is installed (scripts/chromium.sh)");
    }
}
