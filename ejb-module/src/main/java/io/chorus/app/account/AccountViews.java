package io.chorus.app.account;

/** What the account use cases take and return; these records cross into the web module. */
public final class AccountViews {
    private AccountViews() {
    }

    public record SignupCommand(String account, String password, String nickname) {
    }

    public record LoginCommand(String account, String password, String did, String cos, String dname, String vsn) {
    }

    public record UserView(String uid, String account, String nickname) {
    }

    public record LoginView(String uid, String token, String refreshtoken, long expires_in) {
    }

    public record RefreshView(String token, long expires_in) {
    }
}
