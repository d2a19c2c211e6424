package io.chorus.app.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account made from an IdP token's claims (names configurable), and the admin group. */
class IdpProfileTest {
    @Test
    void theAccountComesFromTheAccountClaim_lowerCased_theNicknameAndEmailFromTheirs() {
        IdpProfile profile = IdpProfile.of(claims().claim("preferred_username", "Ada.L").claim("name", "Ada Lovelace")
                .claim("email", "ada@example.com").build(), settings(null));
        assertEquals("ada.l", profile.account());
        assertEquals("Ada Lovelace", profile.nickname());
        assertEquals("ada@example.com", profile.email());
        assertFalse(profile.admin());
    }

    @Test
    void withoutANickname_theAccountIsTheNickname() {
        IdpProfile profile = IdpProfile.of(claims().claim("preferred_username", "ada").build(), settings(null));
        assertEquals("ada", profile.nickname());
        assertNull(profile.email());
    }

    @Test
    void aMissingOrUnusableAccountClaim_refusesTheToken() {
        ChorusException missing = assertThrows(ChorusException.class, () -> IdpProfile.of(claims().build(), settings(null)));
        assertEquals(ErrorCode.IDP_TOKEN_INVALID, missing.code());
        ChorusException unusable = assertThrows(ChorusException.class,
                () -> IdpProfile.of(claims().claim("preferred_username", "a b").build(), settings(null)));
        assertEquals(ErrorCode.IDP_TOKEN_INVALID, unusable.code());
    }

    @Test
    void theAdminGroup_byNameOrPath_makesAnAdministrator_otherGroupsDoNot() {
        assertTrue(IdpProfile.of(claims().claim("preferred_username", "ada").claim("groups", List.of("staff", "/chorus-admins"))
                .build(), settings("chorus-admins")).admin());
        assertFalse(IdpProfile.of(claims().claim("preferred_username", "ada").claim("groups", List.of("staff"))
                .build(), settings("chorus-admins")).admin());
        assertFalse(IdpProfile.of(claims().claim("preferred_username", "ada").claim("groups", List.of("chorus-admins"))
                .build(), settings(null)).admin(), "no admin group configured: nobody");
    }

    @Test
    void aGroupsClaimMayBeAPathIntoNestedClaims() {
        SsoSettings roles = settings("chat-admin");
        roles.groupsClaim = "realm_access.roles";
        assertTrue(IdpProfile.of(claims().claim("preferred_username", "ada")
                .claim("realm_access", Map.of("roles", List.of("chat-admin"))).build(), roles).admin());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("https://idp.example.com").subject("person-1");
    }

    private static SsoSettings settings(String adminGroup) {
        SsoSettings settings = new SsoSettings();
        settings.accountClaim = "preferred_username";
        settings.nicknameClaim = "name";
        settings.emailClaim = "email";
        settings.groupsClaim = "groups";
        settings.adminGroup = Optional.ofNullable(adminGroup);
        return settings;
    }
}
