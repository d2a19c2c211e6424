package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.SeedResult;
import jakarta.json.JsonObjectBuilder;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * How the roster, group and user commands answer: with the Go server's result number in a Response,
 * not with an Error packet, whenever the seed has a number for the refusal (bad input included:
 * nothing was changed, as a service refusal rolls its transaction back). Only naming another user as
 * the one a request is for stays an Error packet ({@code forbidden}), as for the history commands.
 */
final class SeedCodes {
    private SeedCodes() {
    }

    /** Runs one command's use case; a refusal becomes {@code {code, reason, content}} with the command's number for it. */
    static JsonObjectBuilder attempt(Supplier<JsonObjectBuilder> action, ToIntFunction<ErrorCode> numberOf) {
        try {
            return action.get();
        } catch (ForeignUid notYours) {
            throw notYours;
        } catch (BodyException invalid) {
            return SeedResult.refused(numberOf.applyAsInt(ErrorCode.INVALID_FIELD), ErrorCode.INVALID_FIELD, invalid.getMessage());
        } catch (ChorusException refused) {
            return SeedResult.refused(numberOf.applyAsInt(refused.code()), refused.code(), refused.getMessage());
        }
    }

    /** JIM requests name the user they are for; Chorus serves only the signed-in one (0: left out). */
    static void requireOwnUid(Caller caller, long uid, String field) {
        if (uid != 0 && uid != caller.userId()) {
            throw new ForeignUid(field);
        }
    }

    /** A request made for another user: answered with an Error packet, never a result number. */
    static final class ForeignUid extends ChorusException {
        private static final long serialVersionUID = 1L;

        ForeignUid(String field) {
            super(ErrorCode.FORBIDDEN, field + " must be the signed-in user");
        }
    }
}
