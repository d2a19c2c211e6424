package io.chorus.app.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccountRulesTest {
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
}
