package io.chorus.app.sso;

/** What the single sign-on use cases take and return; these records cross into the web module. */
public final class SsoViews {
    private SsoViews() {
    }

    /**
     * An app's sign-in with a token from the company's IdP ({@code subject_token}: an access token
     * whose audience names Chorus), for device {@code did} as at log-in.
     */
    public record ExchangeCommand(String subject_token, String did, String cos, String dname, String vsn) {
    }

    /** Deprovisioning names the person as the IdP does: its subject ({@code sub}) at the configured issuer. */
    public record DeprovisionCommand(String subject) {
    }

    public record DeprovisionedView(String uid, String account, boolean enabled, int devicesSignedOut) {
    }

    /** What the console and apps learn about the installation before signing in. */
    public record SsoInfo(boolean enabled, boolean passwordLogin, String issuer) {
    }
}
