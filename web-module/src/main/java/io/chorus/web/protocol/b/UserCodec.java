package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * {@code Cmd_GetUserInfos}' JSON (seed {@code core/users/userinfo.go}): {@code {infos: [UserInfo]}}
 * with the fields Chorus keeps, {@code uid}, {@code ac} (account) and {@code nn} (nickname); the
 * seed's other profile fields (real name, mobile, gender...) do not exist here and are left out.
 */
public final class UserCodec {
    private UserCodec() {
    }

    public record UserInfo(long uid, String account, String nickname) {
    }

    public static JsonObject infos(List<UserInfo> infos) {
        JsonArrayBuilder array = Jsonp.array();
        for (UserInfo info : infos) {
            JsonObjectBuilder o = Jsonp.object().add("uid", info.uid());
            if (info.account() != null && !info.account().isEmpty()) {
                o.add("ac", info.account());
            }
            if (info.nickname() != null && !info.nickname().isEmpty()) {
                o.add("nn", info.nickname());
            }
            array.add(o);
        }
        return Jsonp.object().add("infos", array).build();
    }
}
