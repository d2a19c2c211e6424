package io.chorus.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Server;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in real headless Chromium (Debian's, through its chromedriver): sign in, watch a
 * connection appear on the dashboard, kick it, broadcast a notice a client receives. Screenshots go
 * to {@code target/screenshots}.
 */
class AdminConsoleIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConsoleBrowser console;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        console = new ConsoleBrowser();
        browser = console.driver();
        wait = console.await();
    }

    @AfterEach
    void closeBrowser() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void signIn_seeAConnectionArrive_kickIt_andBroadcastANotice() throws IOException {
        TestUser alice = people.user("alice");
        Login phone = people.login(alice, "phone");

        browser.get(Server.baseUri().resolve("/admin/").toString());
        assertTrue(visible("login-view") && !visible("console-view"), "nothing but the sign-in form without a login");
        shot("1-sign-in");
        browser.findElement(By.name("account")).sendKeys(Admins.ACCOUNT);
        browser.findElement(By.name("password")).sendKeys(Admins.PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
        wait.until(d -> !text("fig-connections").equals("–"));
        // The files card: storage used and the number of files (docs/FILES.md).
        wait.until(d -> !text("fig-file-count").equals("–"));
        assertTrue(text("fig-file-bytes").matches("[0-9.]+ (B|KiB|MiB|GiB|TiB)"), text("fig-file-bytes"));
        // The push card (docs/PUSH.md): every provider, here off as on an installation that configured
        // none, with what /api/admin/figures says of it. PushIT checks it with pushes sent and failed.
        JsonObject figures = rest.get("/api/admin/figures", Admins.login(rest, "console-check").token()).json();
        for (String provider : List.of("apns", "fcm", "webpush")) {
            JsonObject push = figures.getJsonArray("push").getValuesAs(JsonObject.class).stream()
                    .filter(p -> p.getString("provider").equals(provider)).findFirst().orElseThrow();
            assertFalse(push.getBoolean("configured"), push::toString);
            List<String> expected = List.of(Map.of("apns", "APNs", "fcm", "FCM", "webpush", "Web Push").get(provider), "off",
                    Long.toString(push.getJsonNumber("sent").longValue()), Long.toString(push.getJsonNumber("failed").longValue()),
                    Long.toString(push.getJsonNumber("dead").longValue()), Long.toString(push.getJsonNumber("retry").longValue()));
            console.awaitPushRow(provider, expected);
        }
        int before = settledConnections(Admins.login(rest, "console-count").token());

        try (WsClient socket = people.connect(phone)) {
            // The dashboard refreshes on its own; the node reports with each lease renewal.
            wait.until(d -> Integer.parseInt(text("fig-connections")) >= before + 1);
            shot("2-dashboard-with-connection");

            WebElement search = browser.findElement(By.cssSelector("#user-search input[name=q]"));
            search.clear();
            search.sendKeys(alice.account());
            browser.findElement(By.cssSelector("#user-search button")).click();
            wait.until(d -> browser.findElements(By.cssSelector("#users tbody tr")).size() == 1
                    && browser.findElement(By.cssSelector("#users tbody tr td")).getText().equals(alice.account()));
            browser.findElement(By.cssSelector("#users tbody tr button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#devices tbody tr")));
            assertEquals("phone", browser.findElement(By.cssSelector("#devices tbody tr td")).getText());
            shot("3-user-detail");
            browser.findElement(By.cssSelector("#devices tbody tr button")).click();
            assertEquals(4007, socket.awaitClose(WAIT).code(), "the kicked client's socket closes");
            wait.until(d -> visible("toast") && text("toast").contains("kicked"));
        }

        try (WsClient socket = people.online(phone)) {
            browser.findElement(By.cssSelector("#notice input[name=title]")).sendKeys("Maintenance");
            browser.findElement(By.cssSelector("#notice textarea[name=text]")).sendKeys("Back at 22:00 <b>UTC</b>");
            browser.findElement(By.cssSelector("#notice input[name=uids]")).sendKeys(alice.uid());
            browser.findElement(By.cssSelector("#notice button")).click();
            JsonObject notice = socket.nextJson(WAIT);
            assertEquals("system_notice", notice.getJsonObject("payload").getString("msg_type"));
            assertEquals("Back at 22:00 <b>UTC</b>", notice.getJsonObject("payload").getString("text"));
            wait.until(d -> text("toast").contains("Notice sent to 1 user"));
            shot("4-notice-sent");
        }
    }

    /**
     * The connections of every live node as each reports them after this call: a node's figure is
     * the count at its last lease renewal (every 5 s), so sockets an earlier test closed may still
     * be in it, and a node an earlier test killed stays listed with its last count until its lease
     * runs out (20 s). Read before that, the sum can fall while this test's socket arrives.
     */
    private int settledConnections(String adminToken) {
        long asked = rest.get("/api/admin/figures", adminToken).json().getJsonNumber("at").longValue();
        JsonObject[] settled = new JsonObject[1];
        Awaitility.await("every listed node reports after " + asked).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    settled[0] = rest.get("/api/admin/figures", adminToken).json();
                    return settled[0].getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                            .allMatch(node -> node.getJsonNumber("heartbeat_at").longValue() > asked);
                });
        return settled[0].getInt("connections");
    }

    @Test
    void userSuppliedText_isShownAsText_neverAsMarkup() {
        Rest.Reply signup = rest.post("/api/auth/signup", Rest.obj("account", Users.uniqueAccount("markup"),
                "password", Users.PASSWORD, "nickname", "<img src=x onerror=alert(1)>").toString());
        assertEquals(201, signup.status(), signup::toString);
        browser.get(Server.baseUri().resolve("/admin/").toString());
        browser.findElement(By.name("account")).sendKeys(Admins.ACCOUNT);
        browser.findElement(By.name("password")).sendKeys(Admins.PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
        WebElement search = browser.findElement(By.cssSelector("#user-search input[name=q]"));
        search.sendKeys("markup");
        browser.findElement(By.cssSelector("#user-search button")).click();
        wait.until(d -> !browser.findElements(By.cssSelector("#users tbody tr")).isEmpty());
        WebElement nickname = browser.findElements(By.cssSelector("#users tbody tr td")).get(1);
        assertEquals("<img src=x onerror=alert(1)>", nickname.getText());
        assertTrue(browser.findElements(By.cssSelector("#users img")).isEmpty(), "no element was made from the text");

        // A non-admin is turned away at the sign-in form.
        TestUser plain = people.user("plain");
        browser.findElement(By.id("logout")).click();
        browser.findElement(By.name("account")).sendKeys(plain.account());
        browser.findElement(By.name("password")).sendKeys(Users.PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(d -> visible("login-error") && text("login-error").contains("not an administrator"));
        assertFalse(visible("console-view"));
    }

    private boolean visible(String id) {
        return console.visible(id);
    }

    private String text(String id) {
        return console.text(id);
    }

    private void shot(String name) throws IOException {
        console.shot(name);
    }
}
