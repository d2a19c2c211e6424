package io.chorus.web.protocol.a;

import static io.chorus.web.protocol.a.GoldenFiles.SENDER_DID;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * An error about a frame names it ({@code ref}): a client waiting for a group send's answer (the
 * database away, say) must be able to tell that this error is that answer.
 */
class InboundFrameRefTest {
    private final FrameDecoder decoder = new FrameDecoder(65_536);

    @Test
    void aSend_isNamedByItsId() {
        String frame = "{\"type\":\"C2G\",\"id\":\"m1\",\"to\":\"g7Xk2mQa\",\"payload\":{\"msg_type\":\"text\",\"text\":\"hi\"},\"created_at\":1}";

        assertEquals("m1", decoder.decode(frame, SENDER_UID, SENDER_DID).ref());
    }

    @Test
    void aRevoke_isNamedByTheRevokedMessage() {
        assertEquals("m2", decoder.decode("{\"type\":\"C2C_REVOKE\",\"id\":\"m2\",\"to\":\"kYb7qDp3\"}", SENDER_UID, SENDER_DID).ref());
    }

    @Test
    void anEdit_isNamedByTheEditedMessage() {
        assertEquals("m4", decoder.decode("{\"type\":\"C2C_EDIT\",\"id\":\"m4\",\"to\":\"kYb7qDp3\",\"text\":\"fixed\"}",
                SENDER_UID, SENDER_DID).ref());
    }

    @Test
    void anAck_isNamedByTheAcknowledgedMessage() {
        assertEquals("m3", decoder.decode("CLIENT_ACK,C2C,m3," + SENDER_DID, SENDER_UID, SENDER_DID).ref());
    }
}
