package io.chorus.it.sso;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.it.sso.Keycloak.Person;
import io.chorus.it.support.Cluster;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Rest.Reply;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;

/**
 * Company sign-in against a real Keycloak (docs/SSO.md), on a two-node cluster (scripts/cluster.sh)
 * configured for it, with password log-in switched off. Each test makes its own Keycloak users; the
 * password grant stands in for an app's browser sign-in at the IdP.
 */
class SsoIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI NODE_1 = Cluster.uri(1);
    private static final URI NODE_2 = Cluster.uri(2);
    private static Keycloak keycloak;
    private static Cluster cluster;

    private final Rest rest1 = new Rest(NODE_1);
    private final Rest rest2 = new Rest(NODE_2);
    private final People node1 = new People(rest1);
    private final People node2 = new People(rest2);

    /** Keycloak first (once for every class that needs it), then this class's cluster. */
    @RegisterExtension
    static final BeforeAllCallback IDP = (ExtensionContext context) -> keycloak = Keycloak.shared(context);

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.fresh(Map.of(
                "CHORUS_SSO_ENABLED", "true",
                "CHORUS_SSO_ISSUER", Keycloak.issuer(Keycloak.REALM),
                "CHORUS_SSO_CLIENT_ID", Keycloak.CHORUS_CLIENT,
                "CHORUS_SSO_CLIENT_SECRET", Keycloak.CHORUS_SECRET,
                "CHORUS_SSO_ADMIN_GROUP", Keycloak.ADMIN_GROUP,
                "CHORUS_SSO_PASSWORD_LOGIN", "false",
                "CHORUS_SSO_CLOCK_SKEW_SECONDS", "0"));
        cluster.broker("start").node(1, "start").node(2, "start");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anAppsCompanyToken_becomesChorusTokens_thatWorkOnWsAndJim_andTheAccountIsMadeFromTheClaims() {
        Person ada = keycloak.createUser(Keycloak.REALM, "ada", "Ada Lovelace", List.of("staff"));
        Login phone = exchange(rest1, ada, "phone");
        JsonObject me = rest1.get("/api/me", phone.token()).json();
        assertEquals(ada.username(), me.getString("account"));
        assertEquals("Ada Lovelace", me.getString("nickname"));
        assertEquals(phone.uid(), me.getString("uid"));

        Login desk = exchange(rest2, ada, "desk");
        assertEquals(phone.uid(), desk.uid(), "a later sign-in is the same user");
        try (WsClient socket = node1.online(phone); JimClient jim = JimClient.signIn(NODE_2, desk)) {
            node2.awaitOnline(desk);
            assertTrue(socket.isOpen());
        }
        Reply refreshed = rest2.post("/api/auth/refresh", obj("refreshtoken", phone.refreshToken()).toString());
        assertEquals(200, refreshed.status(), refreshed::toString);
    }

    @Test
    void laterSignIns_updateTheNickname_andTheAdminRoleFollowsTheIdpGroup() {
        Person grace = keycloak.createUser(Keycloak.REALM, "grace", "Grace Hopper", List.of());
        Login first = exchange(rest1, grace, "laptop");
        assertEquals(403, rest1.get("/api/admin/figures", first.token()).status(), "not in the admin group");

        keycloak.joinGroup(grace, Keycloak.ADMIN_GROUP);
        keycloak.rename(grace, "Rear Admiral", "Hopper");
        Login admin = exchange(rest1, grace, "laptop");
        assertEquals(200, rest1.get("/api/admin/figures", admin.token()).status(), "in the admin group");
        assertEquals("Rear Admiral Hopper", rest1.get("/api/me", admin.token()).json().getString("nickname"));

        keycloak.leaveGroup(grace, Keycloak.ADMIN_GROUP);
        Login again = exchange(rest2, grace, "laptop");
        assertEquals(403, rest2.get("/api/admin/figures", again.token()).status(), "left the admin group");
    }

    @Test
    void tokensNotMeantForChorus_areRefusedWithAClearError_andNothingIsCreated() throws Exception {
        Login admin = ssoAdmin();
        Person mallory = keycloak.createUser(Keycloak.OTHER_REALM, "mallory", "Mallory Other", List.of());
        assertRefused(keycloak.accessToken(mallory, "chorus-app"), "idp_token_invalid", "another issuer");

        Person eve = keycloak.createUser(Keycloak.REALM, "eve", "Eve Elsewhere", List.of());
        String genuine = keycloak.accessToken(eve, "chorus-app");
        assertRefused(keycloak.accessToken(eve, "other-app"), "idp_token_invalid", "aud");
        assertRefused(resignedWithAnotherKey(genuine), "idp_token_invalid", "signature");
        assertRefused(withForgedSubject(genuine), "idp_token_invalid", "signature");
        assertRefused(new PlainJWT(SignedJWT.parse(genuine).getJWTClaimsSet()).serialize(), "idp_token_invalid", "not signed");
        assertRefused("not-a-token", "idp_token_invalid", "not a JWT");

        String shortLived = keycloak.accessToken(eve, "short-app");
        Instant expiry = SignedJWT.parse(shortLived).getJWTClaimsSet().getExpirationTime().toInstant();
        Awaitility.await("the 2 s token expired").atMost(WAIT).until(() -> Instant.now().isAfter(expiry.plusMillis(500)));
        assertRefused(shortLived, "idp_token_expired", "");

        Reply noDevice = rest1.post("/api/auth/sso/token", obj("subject_token", genuine).toString());
        assertEquals(400, noDevice.status(), noDevice::toString);
        assertEquals("invalid_field", noDevice.json().getString("reason"));

        for (String account : List.of(mallory.username(), eve.username())) {
            assertEquals(0, rest1.get("/api/admin/users?q=" + account, admin.token()).structure().asJsonArray().size(),
                    account + " must not have been created");
        }
    }

    @Test
    void passwordLogInAndSignUp_areSwitchedOff_andTheServerSaysSo() {
        JsonObject info = rest1.get("/api/auth/sso", null).json();
        assertTrue(info.getBoolean("enabled"));
        assertFalse(info.getBoolean("passwordLogin"));
        assertEquals(Keycloak.issuer(Keycloak.REALM), info.getString("issuer"));

        Reply signup = rest1.post("/api/auth/signup", obj("account", "pw-" + UUID.randomUUID().toString().substring(0, 8),
                "password", "a-password-1").toString());
        assertEquals(403, signup.status(), signup::toString);
        assertEquals("password_login_disabled", signup.json().getString("reason"));
        Reply login = rest2.post("/api/auth/login", obj("account", "admin", "password", "chorus-admin-dev", "did", "x").toString());
        assertEquals(403, login.status(), login::toString);
        assertEquals("password_login_disabled", login.json().getString("reason"));
    }

    @Test
    void aUserDisabledAtTheIdp_failsTheNextRefresh_andTheDeviceIsSignedOut() {
        Person ken = keycloak.createUser(Keycloak.REALM, "ken", "Ken Thompson", List.of());
        String heldByTheApp = keycloak.accessToken(ken, "chorus-app");
        Login phone = exchange(rest1, ken, "phone");
        assertEquals(200, rest1.post("/api/auth/refresh", obj("refreshtoken", phone.refreshToken()).toString()).status());

        try (WsClient socket = node2.online(phone)) {
            keycloak.setEnabled(ken, false);
            Reply refused = rest1.post("/api/auth/refresh", obj("refreshtoken", phone.refreshToken()).toString());
            assertEquals(401, refused.status(), refused::toString);
            assertEquals("idp_session_ended", refused.json().getString("reason"));
            assertEquals(706, socket.nextJson(WAIT).getInt("code", 0));
            assertEquals(4006, socket.awaitClose(WAIT).code());
        }
        assertEquals(401, rest2.get("/api/me", phone.token()).status(), "the device's access token went with it");
        // The IdP also refuses to open a Chorus session for the disabled user's still-unexpired token.
        Reply again = rest2.post("/api/auth/sso/token", obj("subject_token", heldByTheApp, "did", "tablet").toString());
        assertEquals(401, again.status(), again::toString);
        assertEquals("idp_token_invalid", again.json().getString("reason"));
    }

    @Test
    void aSessionEndedAtTheIdp_signsTheDevicesOut_throughBackChannelLogout() throws Exception {
        Person dennis = keycloak.createUser(Keycloak.REALM, "dennis", "Dennis Ritchie", List.of());
        Login phone = exchange(rest2, dennis, "phone");
        try (WsClient socket = node2.online(phone)) {
            keycloak.logout(dennis);
            assertEquals(706, socket.nextJson(WAIT).getInt("code", 0));
            assertEquals(4006, socket.awaitClose(WAIT).code());
        }
        assertEquals(401, rest1.post("/api/auth/refresh", obj("refreshtoken", phone.refreshToken()).toString()).status());
        Login again = exchange(rest1, dennis, "phone");
        assertEquals(200, rest1.get("/api/me", again.token()).status(), "the account stays enabled: signing in again works");

        // Anyone can post to the back-channel: only a logout token signed by the IdP counts.
        HttpResponse<String> forged = postForm(NODE_1.resolve("/api/auth/sso/backchannel-logout"),
                "logout_token=" + resignedWithAnotherKey(keycloak.accessToken(dennis, "chorus-app")));
        assertEquals(401, forged.statusCode(), forged::body);
        assertTrue(forged.body().contains("idp_token_invalid"), forged::body);
        assertEquals(200, rest1.get("/api/me", again.token()).status(), "a forged logout changes nothing");
    }

    @Test
    void deprovisioning_disablesTheUser_revokesEveryToken_andClosesTheirSocketsOnBothNodes() {
        Login admin = ssoAdmin();
        Person leaver = keycloak.createUser(Keycloak.REALM, "leaver", "Leaving Soon", List.of());
        Login phone = exchange(rest1, leaver, "phone");
        Login desk = exchange(rest2, leaver, "desk");
        try (WsClient onNode1 = node1.online(phone); JimClient onNode2 = JimClient.signIn(NODE_2, desk)) {
            node2.awaitOnline(desk);
            Reply done = rest1.post("/api/admin/sso/deprovision", obj("subject", leaver.id()).toString(), admin.token());
            assertEquals(200, done.status(), done::toString);
            assertFalse(done.json().getBoolean("enabled"));
            assertEquals(2, done.json().getInt("devicesSignedOut"));
            assertEquals(4006, onNode1.awaitClose(WAIT).code());
            assertEquals(4006, onNode2.awaitClose(WAIT).code());
        }
        for (Rest rest : List.of(rest1, rest2)) {
            for (Login login : List.of(phone, desk)) {
                assertEquals(401, rest.get("/api/me", login.token()).status());
                assertEquals(401, rest.post("/api/auth/refresh", obj("refreshtoken", login.refreshToken()).toString()).status());
            }
        }
        Reply back = rest2.post("/api/auth/sso/token", obj("subject_token", keycloak.accessToken(leaver, "chorus-app"),
                "did", "phone").toString());
        assertEquals(403, back.status(), "still enabled at the IdP, but deprovisioned here: " + back);
        assertEquals("account_disabled", back.json().getString("reason"));

        Reply unknown = rest1.post("/api/admin/sso/deprovision", obj("subject", UUID.randomUUID().toString()).toString(), admin.token());
        assertEquals(404, unknown.status(), unknown::toString);
        Reply notAdmin = rest1.post("/api/admin/sso/deprovision", obj("subject", leaver.id()).toString(), desk.token());
        assertEquals(401, notAdmin.status(), "a revoked token: " + notAdmin);
    }

    @Test
    void theConsole_signsInThroughKeycloaksLoginPage_inARealBrowser() throws IOException {
        Person admin = keycloak.createUser(Keycloak.REALM, "console", "Console Admin", List.of(Keycloak.ADMIN_GROUP));
        Person user = keycloak.createUser(Keycloak.REALM, "plain", "Plain User", List.of());
        // A browser each: Keycloak's session cookie would sign the second person in as the first.
        WebDriver browser = Browsers.headlessChromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            browser.get(NODE_2.resolve("/admin/").toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso-link")));
            assertFalse(browser.findElement(By.id("password-login")).isDisplayed(), "password log-in is off");
            Browsers.shot(browser, "sso-1-console");
            signInAtKeycloak(browser, wait, user);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not an administrator"));
            Browsers.shot(browser, "sso-2-not-an-admin");
        } finally {
            browser.quit();
        }
        browser = Browsers.headlessChromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            browser.get(NODE_1.resolve("/admin/").toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso-link")));
            signInAtKeycloak(browser, wait, admin);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
            assertEquals(admin.username(), browser.findElement(By.id("who-name")).getText());
            assertFalse(browser.getCurrentUrl().contains("sso_token"), "the token is removed from the address");
            Browsers.shot(browser, "sso-3-signed-in");
        } finally {
            browser.quit();
        }
    }

    private static void signInAtKeycloak(WebDriver browser, WebDriverWait wait, Person person) {
        browser.findElement(By.id("sso-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.issuer(Keycloak.REALM)), browser.getCurrentUrl());
        assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE: " + browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys(person.username());
        browser.findElement(By.id("password")).sendKeys(Keycloak.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<String> postForm(URI uri, String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Login exchange(Rest rest, Person person, String did) {
        String token = keycloak.accessToken(person, "chorus-app");
        Reply reply = rest.post("/api/auth/sso/token", obj("subject_token", token, "did", did, "cos", "android").toString());
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertNotEquals("", body.getString("token"));
        return new Login(new TestUser(person.username(), body.getString("uid")), did, body.getString("token"),
                body.getString("refreshtoken"));
    }

    /** An administrator made by the IdP group: with password log-in off, the only kind there is. */
    private Login ssoAdmin() {
        Person boss = keycloak.createUser(Keycloak.REALM, "boss", "The Boss", List.of(Keycloak.ADMIN_GROUP));
        return exchange(rest1, boss, "console");
    }

    private void assertRefused(String token, String reason, String detail) {
        Reply reply = rest1.post("/api/auth/sso/token", obj("subject_token", token, "did", "phone").toString());
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(reason, reply.json().getString("reason"), reply::toString);
        assertTrue(reply.json().getString("detail", "").contains(detail), () -> "detail should mention " + detail + ": " + reply);
    }

    /** The genuine claims and key id, signed with a key the IdP never had. */
    private static String resignedWithAnotherKey(String genuine) throws ParseException, JOSEException {
        SignedJWT original = SignedJWT.parse(genuine);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).build(),
                original.getJWTClaimsSet());
        forged.sign(new RSASSASigner(stranger));
        return forged.serialize();
    }

    /** The IdP's header and signature over a payload with another subject. */
    private static String withForgedSubject(String genuine) throws ParseException {
        SignedJWT original = SignedJWT.parse(genuine);
        JWTClaimsSet claims = new JWTClaimsSet.Builder(original.getJWTClaimsSet()).subject(UUID.randomUUID().toString()).build();
        String[] parts = genuine.split("\\.");
        return parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(claims.toString()) + "." + parts[2];
    }
}
