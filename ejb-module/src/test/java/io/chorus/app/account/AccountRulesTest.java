package io.chorus.app.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccountRulesTest {
    private static final BooleanSupplier ENABLED = () -> true;
    private static final BooleanSupplier DISABLED = () -> false;
    private static final TokenSubject CLAIMED = new TokenSubject("uA", 7, "phone", 3);

    @Test
    void account_isTrimmedAndLowerCased() {
        assertEquals("alice.b@corp", AccountRules.account("  Alice.B@Corp "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-alice", "al ice", "alice\u0000", "ålice", "a/b/c"})
    void account_withBadShape_isInvalidField(String account) {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> AccountRules.account(account)).code());
    }

    @Test
    void nickname_defaultsToAccountAndRefusesControlCharacters() {
        assertEquals("alice", AccountRules.nickname(null, "alice"));
        assertEquals("Alice 🎉", AccountRules.nickname(" Alice 🎉 ", "alice"));
        assertThrows(ChorusException.class, () -> AccountRules.nickname("a\nb", "alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone-1", "A.b_c:d", "x"})
    void did_withAllowedCharacters_isAccepted(String did) {
        assertDoesNotThrow(() -> AccountRules.did(did));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a,b", "é"})
    void did_withOtherCharacters_isInvalidField(String did) {
        assertThrows(ChorusException.class, () -> AccountRules.did(did));
    }

    // Log-in.

    @Test
    void loginAccount_isTrimmedAndLowerCased_butNotValidated() {
        assertEquals("alice", AccountRules.loginAccount("  ALICE "));
        assertEquals("a b", AccountRules.loginAccount("A B"), "a name that cannot exist is looked up and not found");
        assertNull(AccountRules.loginAccount(null));
    }

    @Test
    void throttledAccount_isCutTo64_andNoneIsEmpty() {
        assertEquals("a".repeat(64), AccountRules.throttledAccount("a".repeat(100)));
        assertEquals("alice", AccountRules.throttledAccount("alice"));
        assertEquals("", AccountRules.throttledAccount(null));
    }

    @Test
    void throttledAddress_isCutTo64_andNoneOrBlankIsUnknown() {
        assertEquals("9".repeat(64), AccountRules.throttledAddress("9".repeat(80)));
        assertEquals("203.0.113.7", AccountRules.throttledAddress("203.0.113.7"));
        assertEquals("unknown", AccountRules.throttledAddress(null));
        assertEquals("unknown", AccountRules.throttledAddress("  "));
    }

    @Test
    void signIn_withTheRightPasswordOfAnEnabledAccount_passes() {
        assertDoesNotThrow(() -> AccountRules.checkSignIn(true, ENABLED));
    }

    @Test
    void signIn_withAWrongPasswordOrUnknownAccount_isBadCredentials() {
        assertEquals(ErrorCode.BAD_CREDENTIALS, assertThrows(ChorusException.class, () -> AccountRules.checkSignIn(false, ENABLED)).code());
    }

    @Test
    void signIn_withTheRightPasswordOfADisabledAccount_isAccountDisabled() {
        assertEquals(ErrorCode.ACCOUNT_DISABLED, assertThrows(ChorusException.class, () -> AccountRules.checkSignIn(true, DISABLED)).code());
    }

    @Test
    void signIn_withAWrongPasswordOfADisabledAccount_isBadCredentials_soGuessersNeverLearnItIsDisabled() {
        BooleanSupplier neverAsked = () -> {
            throw new AssertionError("the account's state must not be asked before the password matched");
        };
        assertEquals(ErrorCode.BAD_CREDENTIALS, assertThrows(ChorusException.class, () -> AccountRules.checkSignIn(false, DISABLED)).code());
        assertEquals(ErrorCode.BAD_CREDENTIALS, assertThrows(ChorusException.class, () -> AccountRules.checkSignIn(false, neverAsked)).code());
    }

    // Tokens.

    @Test
    void token_namingTheDevicesCurrentGenerationDidAndUser_isCurrent() {
        assertTrue(AccountRules.tokenIsCurrent(CLAIMED, 3, "phone", "uA", true));
    }

    @Test
    void token_ofAnEarlierGeneration_isNotCurrent() {
        assertFalse(AccountRules.tokenIsCurrent(CLAIMED, 4, "phone", "uA", true), "logged out or logged in again since");
    }

    @Test
    void token_namingAnotherDid_isNotCurrent() {
        assertFalse(AccountRules.tokenIsCurrent(CLAIMED, 3, "tablet", "uA", true));
    }

    @Test
    void token_namingAnotherUser_isNotCurrent() {
        assertFalse(AccountRules.tokenIsCurrent(CLAIMED, 3, "phone", "uB", true));
    }

    @Test
    void token_ofADisabledUser_isNotCurrent() {
        assertFalse(AccountRules.tokenIsCurrent(CLAIMED, 3, "phone", "uA", false));
    }

    // Search.

    @Test
    void searchPrefix_isTrimmedAndLowerCased() {
        assertEquals("ali", AccountRules.searchPrefix("  ALI "));
        assertEquals("a".repeat(64), AccountRules.searchPrefix("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "al", "  al  "})
    void searchPrefix_shorterThan3_isInvalidField(String query) {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> AccountRules.searchPrefix(query)).code());
    }

    @Test
    void searchPrefix_longerThan64OrMissing_isInvalidField() {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> AccountRules.searchPrefix("a".repeat(65))).code());
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> AccountRules.searchPrefix(null)).code());
    }
}
