package io.chorus.app.push;

import io.chorus.app.identity.PublicIds;
import io.chorus.domain.push.PushRegistration;
import io.chorus.domain.push.PushRepository;
import io.chorus.domain.push.PushRepository.PushTarget;
import io.chorus.domain.push.PushRepository.Unannounced;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who gets a push for a candidate (docs/PUSH.md, the decision table), in the worker's transaction.
 * A device gets one if it is registered with a configured provider, none of its users' is the
 * sender, its copy is still pending and not yet announced (an ack within the grace delay deletes the
 * copy), it has no socket in the foreground anywhere, and the conversation is not muted. The push
 * then announces every pending copy of the device at once — a burst is one push with the count and
 * the newest text — under the device's registration lock, so two nodes never announce a copy twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class PushDecisions {
    @Inject
    PushRepository pushes;

    @Inject
    PushSettings settings;

    @Inject
    PublicIds ids;

    public List<PushJob> decide(PushCandidate candidate) {
        List<Long> users = candidate.userIds().stream().filter(u -> u != candidate.senderId()).distinct().toList();
        List<PushJob> jobs = new ArrayList<>();
        if (users.isEmpty()) {
            return jobs;
        }
        for (PushTarget target : pushes.targets(candidate.messageId(), users)) {
            decide(candidate, target).ifPresent(jobs::add);
        }
        return jobs;
    }

    private Optional<PushJob> decide(PushCandidate candidate, PushTarget target) {
        Optional<PushRegistration> locked = pushes.lockRegistration(target.deviceId());
        if (locked.isEmpty() || !settings.enabled(locked.get().provider())
                || !pushes.unannounced(target.deviceId(), candidate.messageId()) || pushes.inForeground(target.deviceId())) {
            return Optional.empty();
        }
        if (candidate.silent()
                || candidate.contactKind() != 0 && pushes.muted(target.userId(), candidate.contactKind(), candidate.contactId())) {
            pushes.announceOne(target.deviceId(), candidate.messageId());
            return Optional.empty();
        }
        Optional<Unannounced> newest = pushes.newestUnannounced(target.deviceId());
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        int count = pushes.announce(target.deviceId());
        long badge = pushes.unreadTotal(target.userId());
        PreviewPolicy policy = pushes.preview(target.userId()).flatMap(PreviewPolicy::of).orElse(settings.preview());
        Unannounced shown = newest.get();
        PushNotice notice = PushContent.of(policy, shown.kind(), shown.senderNickname(), shown.payload(),
                conversationOf(shown, target.userId()), badge, count);
        PushRegistration registration = locked.get();
        return Optional.of(new PushJob(registration.deviceId(), registration.provider(), registration.token(), registration.p256dh(),
                registration.auth(), registration.topic(), registration.sandbox(), notice, 1));
    }

    /** The conversation the app opens: the peer of a direct message, the group of a group's. */
    private String conversationOf(Unannounced shown, long userId) {
        return switch (shown.kind()) {
            case "C2C" -> ids.encode(shown.userLo() == userId ? shown.userHi() : shown.userLo());
            case "C2G", "S2G" -> ids.encodeGroup(shown.groupId());
            default -> null;
        };
    }

    /** The provider said the token is dead: the registration goes, unless the device registered anew meanwhile. */
    public boolean forgetDead(PushJob job) {
        return pushes.forgetToken(job.deviceId(), job.token());
    }
}
