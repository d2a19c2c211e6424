package io.chorus.app.push;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.push.PushRegistration;
import io.chorus.domain.push.PushRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A user's push settings (docs/PUSH.md): each device's registration and foreground state, the mute
 * list (per contact, per group) and the preview policy. REST and JIM call the same methods.
 */
@Stateless
public class PushService {
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");

    @Inject
    PushRepository pushes;

    @Inject
    AccountRepository accounts;

    @Inject
    PushSettings settings;

    @Inject
    PublicIds ids;

    /** {@code PUT /api/me/devices/{did}/push}: what the app registered; {@code keys} only for Web Push. */
    public record RegistrationCommand(String provider, String token, String endpoint, Keys keys, String topic, Boolean sandbox,
                                      Long expirationTime) {
    }

    /** A Web Push subscription's keys, as {@code PushSubscription.toJSON()} names them. */
    public record Keys(String p256dh, String auth) {
    }

    /** A registration as its owner sees it: never the token or keys back. */
    public record RegistrationView(String provider, String topic, boolean sandbox) {
    }

    public RegistrationView register(Caller caller, String did, RegistrationCommand command) {
        // Someone else's device is 404 before anything about the body or the providers is said.
        Device device = own(caller, did);
        InputRules.required("body", command);
        String provider = InputRules.required("provider", command.provider());
        PushRegistration registration = switch (provider) {
            case "webpush" -> webPush(command);
            case "apns" -> apns(command);
            case "fcm" -> new PushRegistration(0, "fcm", InputRules.printable("token", InputRules.required("token", command.token()), 2048),
                    null, null, null, false);
            default -> throw new ChorusException(ErrorCode.INVALID_FIELD, "provider must be apns, fcm or webpush");
        };
        if (!settings.enabled(provider)) {
            throw new ChorusException(ErrorCode.PUSH_PROVIDER_OFF, "This server does not send pushes through " + provider + ".");
        }
        PushRegistration owned = new PushRegistration(device.getId(), registration.provider(), registration.token(),
                registration.p256dh(), registration.auth(), registration.topic(), registration.sandbox());
        pushes.register(owned, Instant.now());
        return view(owned);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RegistrationView registration(Caller caller, String did) {
        return pushes.registration(own(caller, did).getId()).map(PushService::view)
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "The device has no push registration."));
    }

    /** Deletes the device's registration; deleting one that is not there is not an error. */
    public void unregister(Caller caller, String did) {
        pushes.forget(own(caller, did).getId());
    }

    /** The app went to the background (pushes although connected) or came back to the foreground. */
    public void declare(Caller caller, String did, String state) {
        long deviceId = own(caller, did).getId();
        declare(deviceId, background(state));
    }

    /** As above for the calling socket's own device (JIM 0x72/0x73). */
    public void declare(long deviceId, boolean background) {
        pushes.declareBackground(deviceId, background);
    }

    /** The seed's {@code Cmd_SetMsgPush}: {@code push} false mutes the contact (kind 1 user, 2 group). */
    public void setPush(long userId, int contactKind, long contactId, boolean push) {
        contactKind(contactKind);
        if (push) {
            pushes.unmute(userId, contactKind, contactId);
        } else {
            pushes.mute(userId, contactKind, contactId);
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean pushes(long userId, int contactKind, long contactId) {
        contactKind(contactKind);
        return !pushes.muted(userId, contactKind, contactId);
    }

    /** {@code PUT /api/me/push/mutes/{users|groups}/{id}} and its {@code DELETE}: by public id. */
    public void mute(Caller caller, String kind, String publicId, boolean muted) {
        int contactKind = contactKindOf(kind);
        long contactId = contactKind == PushRepository.CONTACT_GROUP
                ? ids.decodeGroupOr(publicId, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such group."))
                : ids.decodeOr(publicId, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
        setPush(caller.userId(), contactKind, contactId, !muted);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean muted(Caller caller, String kind, String publicId) {
        int contactKind = contactKindOf(kind);
        long contactId = contactKind == PushRepository.CONTACT_GROUP
                ? ids.decodeGroupOr(publicId, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such group."))
                : ids.decodeOr(publicId, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
        return pushes.muted(caller.userId(), contactKind, contactId);
    }

    /** The caller's preview policy and whether it is the installation's. */
    public record PreviewView(String preview, boolean own) {
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PreviewView preview(Caller caller) {
        return pushes.preview(caller.userId()).flatMap(PreviewPolicy::of).map(p -> new PreviewView(p.code(), true))
                .orElseGet(() -> new PreviewView(settings.preview().code(), false));
    }

    /** {@code null} returns the caller to the installation's policy. */
    public PreviewView choosePreview(Caller caller, String preview) {
        if (preview != null && PreviewPolicy.of(preview).isEmpty()) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "preview must be full, sender or none");
        }
        pushes.setPreview(caller.userId(), preview);
        return preview(caller);
    }

    private PushRegistration webPush(RegistrationCommand command) {
        String endpoint = InputRules.required("endpoint", command.endpoint());
        if (endpoint.length() > 2048 || !settings.endpointAllowed(endpoint)) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "endpoint is not a push service this server posts to");
        }
        Keys keys = InputRules.required("keys", command.keys());
        String p256dh = InputRules.required("keys.p256dh", keys.p256dh());
        String auth = InputRules.required("keys.auth", keys.auth());
        try {
            WebPushCrypto.publicKey(p256dh);
        } catch (IllegalArgumentException notAKey) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "keys.p256dh is not a P-256 public key (uncompressed, base64url)");
        }
        if (!auth.matches("[A-Za-z0-9_-]{22}={0,2}")) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "keys.auth must be 16 bytes, base64url");
        }
        return new PushRegistration(0, "webpush", endpoint, p256dh, auth, null, false);
    }

    private PushRegistration apns(RegistrationCommand command) {
        String token = InputRules.required("token", command.token());
        if (!APNS_TOKEN.matcher(token).matches()) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "token must be the APNs device token in hex");
        }
        String topic = InputRules.printable("topic", InputRules.required("topic", command.topic()), 255);
        return new PushRegistration(0, "apns", token.toLowerCase(java.util.Locale.ROOT), null, null, topic,
                Boolean.TRUE.equals(command.sandbox()));
    }

    private static RegistrationView view(PushRegistration registration) {
        return new RegistrationView(registration.provider(), registration.topic(), registration.sandbox());
    }

    private static boolean background(String state) {
        return switch (InputRules.required("state", state)) {
            case "background" -> true;
            case "foreground" -> false;
            default -> throw new ChorusException(ErrorCode.INVALID_FIELD, "state must be foreground or background");
        };
    }

    private static int contactKindOf(String kind) {
        return switch (kind == null ? "" : kind) {
            case "users" -> PushRepository.CONTACT_USER;
            case "groups" -> PushRepository.CONTACT_GROUP;
            default -> throw new ChorusException(ErrorCode.NOT_FOUND, "No such mute list.");
        };
    }

    private static void contactKind(int kind) {
        if (kind != PushRepository.CONTACT_USER && kind != PushRepository.CONTACT_GROUP) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "c.t must be 1 (user) or 2 (group)");
        }
    }

    private Device own(Caller caller, String did) {
        return accounts.findDevice(caller.userId(), did == null ? "" : did)
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such device."));
    }
}
