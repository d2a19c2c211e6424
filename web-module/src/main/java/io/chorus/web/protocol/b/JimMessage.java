package io.chorus.web.protocol.b;

import java.util.List;

/**
 * JIM's {@code Message} (seed {@code 05.1.md}): wire names {@code fr, to, cc, ar, at, st, id, bd}. Null
 * contacts, empty lists and zeros are left out on the wire, as Go's {@code omitempty} does.
 */
public record JimMessage(Contact from, Contact to, List<Contact> cc, Contact author, int authorTerminal, long stamp,
                         long id, List<Item> items) {
    public JimMessage {
        cc = List.copyOf(cc);
        items = List.copyOf(items);
    }
}
