package io.chorus.web.dialect.b;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.UserView;
import io.chorus.app.account.Caller;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.protocol.b.UserCodec;
import io.chorus.web.protocol.b.UserCodec.UserInfo;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user info command (CMD 0x20), {@code Cmd_GetUserInfos}: the caller's own profile and its
 * friends' — whom the caller may see, as on REST ({@code /api/me}, {@code /api/friends}); anyone
 * else is left out, as an unknown uid is.
 */
@ApplicationScoped
class UserCommands {
    static final int MAX_LIST = 200;

    @Inject
    AccountService accounts;

    @Inject
    FriendService friends;

    @Inject
    PublicIds ids;

    @Inject
    ServerPackets packets;

    /** {@code Cmd_GetUserInfos {uids}} → {@code {infos}}, in the order asked. */
    void getUserInfos(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        List<Long> uids = JimJson.readIds(JimJson.readObject(packet.data()), "uids", MAX_LIST);
        Map<Long, UserInfo> visible = new HashMap<>();
        UserView me = accounts.me(caller);
        visible.put(caller.userId(), new UserInfo(caller.userId(), me.account(), me.nickname()));
        friends.friends(caller).forEach(friend -> {
            long uid = ids.decode(friend.uid());
            visible.put(uid, new UserInfo(uid, friend.account(), friend.nickname()));
        });
        List<UserInfo> infos = uids.stream().distinct().map(visible::get).filter(Objects::nonNull).toList();
        connection.sendBinary(packets.response(packet, UserCodec.infos(infos)), null);
    }
}
