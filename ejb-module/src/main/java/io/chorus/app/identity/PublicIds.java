package io.chorus.app.identity;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sqids.Sqids;

/**
 * Turns internal numeric ids into the opaque strings clients see (SPEC §3), with sqids, the
 * successor of the hashids the Erlang server used. Dialect B keeps the raw 64-bit ids.
 *
 * <p>Users and groups come from separate sequences, so user 7 and group 7 both exist; a group id
 * is therefore encoded together with a marker, and the two never share a public id (a C2G frame
 * from X to X would otherwise be ambiguous, and a user id would name a group).
 */
@ApplicationScoped
public class PublicIds {
    @Inject
    @ConfigProperty(name = "chorus.ids.alphabet")
    String alphabet;

    @Inject
    @ConfigProperty(name = "chorus.ids.min-length")
    int minLength;

    private Sqids sqids;
    // Recent encodings, one slot per id modulo the size: encoding checks every result against
    // sqids' blocklist, a measurable cost on the message path (docs/PERFORMANCE.md). Entries are
    // immutable, so unsynchronized slots are safe: a reader sees an old entry, a new one or none.
    private static final int CACHED = 1 << 13;
    private final Encoded[] users = new Encoded[CACHED];
    private final Encoded[] groups = new Encoded[CACHED];

    private record Encoded(long id, String publicId) {
    }

    public PublicIds() {
    }

    /** For unit tests and tools outside CDI. */
    public PublicIds(String alphabet, int minLength) {
        this.alphabet = alphabet;
        this.minLength = minLength;
        init();
    }

    @PostConstruct
    void init() {
        sqids = Sqids.builder().alphabet(alphabet).minLength(minLength).build();
    }

    /** Marks the second number of a group id, so that no group and user share a public id. */
    private static final long GROUP_MARK = 1;

    public String encode(long id) {
        return cached(users, id, () -> sqids.encode(List.of(id)));
    }

    public String encodeGroup(long groupId) {
        return cached(groups, groupId, () -> sqids.encode(List.of(groupId, GROUP_MARK)));
    }

    private static String cached(Encoded[] slots, long id, java.util.function.Supplier<String> encoding) {
        int slot = (int) (id & (CACHED - 1));
        Encoded known = slots[slot];
        if (known != null && known.id() == id) {
            return known.publicId();
        }
        String publicId = encoding.get();
        slots[slot] = new Encoded(id, publicId);
        return publicId;
    }

    /** Decodes a public group id, or throws what {@code unknown} makes when it is not one. */
    public long decodeGroupOr(String publicId, java.util.function.Supplier<ChorusException> unknown) {
        if (publicId == null || publicId.isEmpty() || publicId.length() > 32) {
            throw unknown.get();
        }
        List<Long> numbers = sqids.decode(publicId);
        if (numbers.size() != 2 || numbers.get(1) != GROUP_MARK || !encodeGroup(numbers.get(0)).equals(publicId)) {
            throw unknown.get();
        }
        return numbers.get(0);
    }

    /** Decodes a public id, or throws what {@code unknown} makes when it is not one. */
    public long decodeOr(String publicId, java.util.function.Supplier<ChorusException> unknown) {
        try {
            return decode(publicId);
        } catch (ChorusException notAnId) {
            throw unknown.get();
        }
    }

    /** Decodes a public id; anything that is not exactly one id in canonical form is refused. */
    public long decode(String publicId) {
        if (publicId == null || publicId.isEmpty() || publicId.length() > 32) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "Unknown id.");
        }
        List<Long> numbers = sqids.decode(publicId);
        // sqids can decode several strings to one number; only the canonical encoding is accepted,
        // so every entity has exactly one public id.
        if (numbers.size() != 1 || !encode(numbers.get(0)).equals(publicId)) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "Unknown id.");
        }
        return numbers.get(0);
    }
}
