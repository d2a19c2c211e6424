package io.chorus.app.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqids.Sqids;

class PublicIdsTest {
    private final PublicIds ids = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);

    @Test
    void encode_thenDecode_roundTrips() {
        for (long id : new long[] {1, 2, 50, 51, 123_456_789L, Long.MAX_VALUE}) {
            String publicId = ids.encode(id);
            assertTrue(publicId.length() >= 8, publicId);
            assertEquals(id, ids.decode(publicId));
        }
    }

    @Test
    void encode_ofNeighbours_looksUnrelated() {
        assertNotEquals(ids.encode(1).substring(0, 4), ids.encode(2).substring(0, 4));
    }

    @Test
    void decode_ofNonCanonicalOrForeignStrings_isNotFound() {
        for (String bad : new String[] {null, "", "!!!!", "x".repeat(40), ids.encode(7) + ids.encode(8)}) {
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChorusException.class, () -> ids.decode(bad)).code(), bad);
        }
    }

    @Test
    void groupIds_roundTrip_andNeverEqualOrDecodeAsTheUserWithTheSameNumber() {
        for (long id : new long[] {1, 2, 50, 123_456_789L}) {
            String gid = ids.encodeGroup(id);
            assertEquals(id, ids.decodeGroupOr(gid, () -> new ChorusException(ErrorCode.NOT_FOUND)));
            assertNotEquals(ids.encode(id), gid);
            assertThrows(ChorusException.class, () -> ids.decode(gid), "a group id is no user id");
            String uid = ids.encode(id);
            assertEquals(ErrorCode.NOT_A_MEMBER, assertThrows(ChorusException.class,
                    () -> ids.decodeGroupOr(uid, () -> new ChorusException(ErrorCode.NOT_A_MEMBER))).code(),
                    "a user id is no group id");
        }
    }

    /** Ids that share a cache slot (and one id as user and as group) never get each other's encoding. */
    @Test
    void encodings_ofIdsSharingACacheSlot_areSqidsOwn() {
        Sqids sqids = Sqids.builder().alphabet("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad").minLength(8).build();
        for (long id : new long[] {5, 5 + (1 << 13), 5 + (2 << 13), 5, 5 + (1 << 13)}) {
            assertEquals(sqids.encode(List.of(id)), ids.encode(id), "user " + id);
            assertEquals(sqids.encode(List.of(id, 1L)), ids.encodeGroup(id), "group " + id);
            assertEquals(id, ids.decode(ids.encode(id)));
        }
    }
}
