package io.chorus.app.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.domain.presence.ConnectionRepository.ConnectedDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePolicyTest {
    private static final List<ConnectedDevice> CONNECTED = List.of(
            new ConnectedDevice(1, "iOS"), new ConnectedDevice(2, "macos"), new ConnectedDevice(3, null),
            new ConnectedDevice(7, "ios"));

    @Test
    void multi_kicksNobody() {
        assertEquals(List.of(), DevicePolicy.MULTI.kicked(9, "ios", CONNECTED));
    }

    @Test
    void onePerTerminalType_kicksTheSameClientOs_ignoringCase_butNeverTheNewcomer() {
        assertEquals(List.of(1L), DevicePolicy.ONE_PER_TERMINAL_TYPE.kicked(7, " IOS ", CONNECTED));
        assertEquals(List.of(3L), DevicePolicy.ONE_PER_TERMINAL_TYPE.kicked(9, null, CONNECTED), "no cos is a type of its own");
    }

    @Test
    void single_kicksEveryOtherDevice() {
        assertEquals(List.of(1L, 2L, 3L), DevicePolicy.SINGLE.kicked(7, "ios", CONNECTED));
    }
}
