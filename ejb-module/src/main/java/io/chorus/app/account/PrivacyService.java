package io.chorus.app.account;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * A user's privacy choices ({@code /api/me/privacy}): whether others are told when the user reads
 * (read receipts to one-to-one peers, counting as a reader in group read counts). The user's own
 * devices follow its reads either way.
 */
@Stateless
public class PrivacyService {
    @Inject
    AccountRepository accounts;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PrivacyView privacy(Caller caller) {
        return new PrivacyView(user(caller).sharesReadReceipts());
    }

    /** Changes what the choice names; a later read follows it, earlier receipts stay told. */
    public void choose(Caller caller, PrivacyView choice) {
        if (choice == null || choice.read_receipts() == null) {
            throw ChorusException.invalid("read_receipts must be true or false");
        }
        user(caller).shareReadReceipts(choice.read_receipts());
    }

    private UserAccount user(Caller caller) {
        return accounts.findUser(caller.userId()).orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
    }

    /** {@code read_receipts}: whether others learn when the user reads. */
    public record PrivacyView(Boolean read_receipts) {
    }
}
