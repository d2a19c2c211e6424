package io.chorus.it.jim;

import io.chorus.it.support.Db;
import io.chorus.it.support.Users.TestUser;

/** Raw ids, as JIM carries them, for users and groups the tests made through REST. */
final class Jim {
    private Jim() {
    }

    static long uid(TestUser user) {
        return Db.count("select id from app_user where account = ?", user.account());
    }

    /** The raw id of the group with this (test-unique) title. */
    static long gid(String title) {
        return Db.count("select id from chat_group where title = ?", title);
    }
}
