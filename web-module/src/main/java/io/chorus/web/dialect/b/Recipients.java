package io.chorus.web.dialect.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.protocol.b.Contact;

/** A JIM contact (a raw user or group id) as the services name a conversation's other end. */
final class Recipients {
    private Recipients() {
    }

    static Recipient of(PublicIds ids, Contact contact, String field) {
        return switch (contact.type()) {
            case Contact.USER -> new Recipient(ConversationKind.DIRECT, ids.encode(contact.id()));
            case Contact.GROUP -> new Recipient(ConversationKind.GROUP, ids.encodeGroup(contact.id()));
            default -> throw ChorusException.invalid(field + ".t must be 1 (user) or 2 (group)");
        };
    }
}
