package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCodecTest {

    @Test
    void readMids_readsTheIdsInOrder() {
        assertEquals(List.of(3L, 1L, 2L), HistoryCodec.readMids(JimJson.readObject(utf8("{\"ids\":[3,1,2]}")), 10));
    }

    @Test
    void readMids_refusesAnythingButAnArray_andMoreThanTheLimit() {
        ChorusException notArray = assertThrows(ChorusException.class,
                () -> HistoryCodec.readMids(JimJson.readObject(utf8("{\"ids\":3}")), 10));
        ChorusException tooMany = assertThrows(ChorusException.class,
                () -> HistoryCodec.readMids(JimJson.readObject(utf8("{\"ids\":[1,2,3]}")), 2));

        assertEquals(ErrorCode.INVALID_FIELD, notArray.code());
        assertEquals("at most 2 ids at once", tooMany.getMessage());
    }

    @Test
    void history_listsIncomingAndOutgoingMidsAndTheContact() {
        assertEquals("{\"is\":[1,2],\"os\":[3],\"c\":{\"id\":7,\"t\":2}}",
                HistoryCodec.history(List.of(1L, 2L), List.of(3L), Contact.group(7)).toString());
    }

    @Test
    void recentContacts_pairsEachUnreadCountWithItsLastMessage() {
        JimMessage last = new JimMessage(null, null, List.of(), Contact.user(42), 0, 5, 1001, List.of());

        assertEquals("{\"cs\":[{\"uc\":3,\"lm\":{\"ar\":{\"id\":42,\"t\":1},\"st\":5,\"id\":1001}}]}",
                HistoryCodec.recentContacts(List.of(new HistoryCodec.Recent(3, last))).toString());
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
