package io.chorus.app.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.app.account.AccountRules;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The person an IdP token describes, read from the configured claims: the account name (lower-cased,
 * checked as any account name), nickname, e-mail and whether the admin group is among the groups.
 * A claim name may be a path into nested claims ({@code realm_access.roles}).
 */
record IdpProfile(String issuer, String subject, String account, String nickname, String email, boolean admin) {
    static IdpProfile of(JWTClaimsSet claims, SsoSettings settings) {
        String account = text(claims, settings.accountClaim())
                .orElseThrow(() -> new ChorusException(ErrorCode.IDP_TOKEN_INVALID,
                        "the token has no " + settings.accountClaim() + " claim for the account name"));
        try {
            account = AccountRules.account(account);
        } catch (ChorusException e) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID,
                    "the " + settings.accountClaim() + " claim is not a usable account name: " + e.getMessage());
        }
        String nickname = text(claims, settings.nicknameClaim()).map(IdpProfile::printable).orElse(account);
        String email = text(claims, settings.emailClaim()).map(e -> e.length() > 255 ? null : e).orElse(null);
        boolean admin = settings.adminGroup().map(group -> inGroup(value(claims, settings.groupsClaim()), group)).orElse(false);
        return new IdpProfile(claims.getIssuer(), claims.getSubject(), account,
                AccountRules.nickname(nickname, account), email, admin);
    }

    private static Object value(JWTClaimsSet claims, String path) {
        Object value = claims.getClaims();
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static Optional<String> text(JWTClaimsSet claims, String path) {
        return Optional.ofNullable(value(claims, path)).filter(String.class::isInstance).map(String.class::cast)
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Keycloak names groups by name or by path ({@code /chorus-admins}): both count. */
    static boolean inGroup(Object groups, String group) {
        if (!(groups instanceof Collection<?> names)) {
            return false;
        }
        String wanted = strip(group);
        return names.stream().anyMatch(name -> name instanceof String s && strip(s).equals(wanted));
    }

    private static String strip(String group) {
        return group.startsWith("/") ? group.substring(1) : group;
    }

    private static String printable(String nickname) {
        String cut = nickname.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cut.length() > 64 ? cut.substring(0, 64) : cut;
    }
}
