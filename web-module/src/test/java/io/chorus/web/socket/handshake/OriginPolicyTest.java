package io.chorus.web.socket.handshake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void aClientWithoutOrigin_isNoBrowser_andAlwaysAllowed() {
        OriginPolicy strict = OriginPolicy.of("production", "");
        assertTrue(strict.allows(null));
        assertTrue(strict.allows(" "));
    }

    @Test
    void anEmptyList_allowsAnyOriginInDevelopment_andNoneInProduction() {
        assertTrue(OriginPolicy.of("development", "").allows("https://anywhere.example"));
        assertFalse(OriginPolicy.of("production", "").allows("https://anywhere.example"));
    }

    @Test
    void aList_allowsExactlyItsOrigins_ignoringCaseAndATrailingSlash_inEveryMode() {
        OriginPolicy policy = OriginPolicy.of("development", " https://Chat.Example.com/ , http://localhost:3000");
        assertTrue(policy.allows("https://chat.example.com"));
        assertTrue(policy.allows("http://localhost:3000/"));
        assertFalse(policy.allows("https://chat.example.com.evil.example"));
        assertFalse(policy.allows("http://chat.example.com"), "the scheme is part of the origin");
        assertFalse(policy.allows("null"), "a sandboxed page's origin");
    }
}
