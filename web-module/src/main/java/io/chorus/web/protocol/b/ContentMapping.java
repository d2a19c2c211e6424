package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A message's content between the dialects (SPEC §6), lossless both ways:
 *
 * <pre>
 * dialect A payload                                   JIM item(s)
 * {"msg_type":"text","text":T}                        {t:1, d:T}
 * {"msg_type":"image","uri":U}                        {t:2, d:U}
 * {"msg_type":"expression","code":C}                  {t:3, d:C}
 * {"msg_type":"voice","uri":U,"duration":S}           {t:4, d:U, vd:S}
 * {"msg_type":"image","file":F}                       {t:2, d:F.name, f:F}       (a Chorus file, docs/FILES.md)
 * {"msg_type":"voice","file":F}                       {t:4, d:F.name, vd:F.duration, f:F}
 * {"msg_type":"gif","uri":U}                          {t:5, d:U}
 * any of these plus "count":N (N 2..32767)            the item with c:N
 * any other payload                                   {t:0, d:"&lt;the payload as JSON text&gt;"}
 * {"msg_type":"custom","custom_type":"jim_item",      any other single item, as it is
 *  "item":{t, d, c, vd}}
 * {"msg_type":"custom","custom_type":"multi",         several items, each mapped by these rules
 *  "items":[payload, ...]}
 * </pre>
 *
 * A row applies only when the way back gives exactly what came in; otherwise the payload travels
 * whole as {@code t:0} and the item as {@code jim_item}. So a text with an extra field, a {@code t:0}
 * item whose text is a typed payload, or a one-element {@code multi} still comes back unchanged.
 * "Exactly" for items means the same JIM JSON: {@code c} 0 and 1, and {@code d} absent and empty, are
 * one thing on the wire.
 */
public final class ContentMapping {
    static final String CUSTOM = "custom";
    static final String JIM_ITEM = "jim_item";
    static final String MULTI = "multi";

    private static final BigDecimal MIN_COUNT = BigDecimal.valueOf(2);
    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(Short.MAX_VALUE);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Integer.MAX_VALUE);

    private ContentMapping() {
    }

    /**
     * JIM items to one dialect A payload.
     *
     * @throws BodyException if there are no items, or an item is outside what JIM JSON can carry
     */
    public static JsonObject toDialectA(List<Item> items) {
        if (items.isEmpty()) {
            throw new BodyException("bd", "must not be empty");
        }
        List<Item> wire = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            wire.add(wireForm(items.get(i), "bd[" + i + "]"));
        }
        if (wire.size() == 1) {
            return itemToA(wire.get(0));
        }
        JsonArrayBuilder each = Jsonp.array();
        wire.forEach(item -> each.add(itemToA(item)));
        return Jsonp.object().add("msg_type", CUSTOM).add("custom_type", MULTI).add("items", each).build();
    }

    /**
     * A dialect A payload to JIM items; never empty. Dialect A payloads always have a string
     * {@code msg_type}; one without it still travels as {@code t:0}, but does not come back.
     */
    public static List<Item> toDialectB(JsonObject payload) {
        Item typed = typed(payload);
        if (typed != null && itemToA(typed).equals(payload)) {
            return List.of(typed);
        }
        List<Item> several = multi(payload);
        if (several != null) {
            return several;
        }
        Item kept = jimItem(payload);
        if (kept != null) {
            return List.of(kept);
        }
        return List.of(Item.of(0, payload.toString()));
    }

    /** The item as JIM JSON carries it: {@code c} 1 is 0, an empty {@code d} is absent. Ranges as {@link JimJson}. */
    private static Item wireForm(Item item, String field) {
        return JimJson.readItem(JimJson.writeItem(item), field);
    }

    /** One item, already in {@link #wireForm}, to the payload that maps back to it. */
    private static JsonObject itemToA(Item item) {
        JsonObject typed = typedPayload(item);
        if (typed != null && sameOnWire(typed(typed), item)) {
            return typed;
        }
        JsonObject carried = carriedPayload(item);
        if (carried != null) {
            return carried;
        }
        return Jsonp.object().add("msg_type", CUSTOM).add("custom_type", JIM_ITEM)
                .add("item", JimJson.writeItem(item)).build();
    }

    private static JsonObject typedPayload(Item item) {
        if (item.file() != null) {
            return filePayload(item);
        }
        String data = item.data() == null ? "" : item.data();
        boolean voice = item.type() == Item.VOICE;
        if (voice != (item.voiceSeconds() != null)) {
            return null;
        }
        JsonObjectBuilder a = Jsonp.object();
        switch (item.type()) {
            case Item.TEXT -> a.add("msg_type", "text").add("text", data);
            case Item.IMAGE -> a.add("msg_type", "image").add("uri", data);
            case Item.EMOTICON -> a.add("msg_type", "expression").add("code", data);
            case Item.VOICE -> a.add("msg_type", "voice").add("uri", data).add("duration", item.voiceSeconds());
            case Item.GIF -> a.add("msg_type", "gif").add("uri", data);
            default -> {
                return null;
            }
        }
        if (item.count() > 1) {
            a.add("count", item.count());
        }
        return a.build();
    }

    /** An image or voice item with a file: the payload naming that file ({@link #typed} checks the way back). */
    private static JsonObject filePayload(Item item) {
        JsonObjectBuilder a = Jsonp.object();
        switch (item.type()) {
            case Item.IMAGE -> a.add("msg_type", "image");
            case Item.VOICE -> a.add("msg_type", "voice");
            default -> {
                return null;
            }
        }
        a.add("file", item.file());
        if (item.count() > 1) {
            a.add("count", item.count());
        }
        return a.build();
    }

    /**
     * The item of {@code {"msg_type":"image"|"voice","file":F}} (and maybe count): {@code d} is the
     * file's name, a voice's {@code vd} its whole {@code duration}; null when F lacks them.
     */
    private static Item fileItem(JsonObject payload, String msgType, int count) {
        Set<String> keys = payload.keySet();
        if (!(payload.get("file") instanceof JsonObject file) || !keys.stream().allMatch(k -> k.equals("msg_type")
                || k.equals("count") || k.equals("file")) || !(file.get("name") instanceof JsonString name)) {
            return null;
        }
        if (msgType.equals("image")) {
            return new Item(Item.IMAGE, name.getString(), count, null, file);
        }
        Integer seconds = file.get("duration") instanceof JsonNumber n ? whole(n, BigDecimal.ZERO, MAX_SECONDS) : null;
        return seconds == null ? null : new Item(Item.VOICE, name.getString(), count, seconds, file);
    }

    /** A {@code t:0} item's data when it is a payload that {@link #toDialectB} turns into this very item. */
    private static JsonObject carriedPayload(Item item) {
        if (item.type() != 0 || item.data() == null) {
            return null;
        }
        JsonObject payload;
        try {
            payload = JimJson.readObject(item.data().getBytes(StandardCharsets.UTF_8));
        } catch (BodyException notAPayload) {
            return null;
        }
        if (!(payload.get("msg_type") instanceof JsonString)) {
            return null;
        }
        List<Item> back = toDialectB(payload);
        return back.size() == 1 && sameOnWire(back.get(0), item) ? payload : null;
    }

    private static boolean sameOnWire(Item a, Item b) {
        return a != null && JimJson.writeItem(a).equals(JimJson.writeItem(b));
    }

    /** The typed row's item, if the payload has exactly that row's fields and types. */
    private static Item typed(JsonObject payload) {
        if (!(payload.get("msg_type") instanceof JsonString msgType)) {
            return null;
        }
        Integer count = count(payload);
        if (count == null) {
            return null;
        }
        if (payload.containsKey("file") && (msgType.getString().equals("image") || msgType.getString().equals("voice"))) {
            return fileItem(payload, msgType.getString(), count);
        }
        return switch (msgType.getString()) {
            case "text" -> only(payload, "text") ? new Item(Item.TEXT, string(payload, "text"), count, null) : null;
            case "image" -> only(payload, "uri") ? new Item(Item.IMAGE, string(payload, "uri"), count, null) : null;
            case "expression" -> only(payload, "code") ? new Item(Item.EMOTICON, string(payload, "code"), count, null) : null;
            case "gif" -> only(payload, "uri") ? new Item(Item.GIF, string(payload, "uri"), count, null) : null;
            case "voice" -> only(payload, "uri", "duration") && seconds(payload) != null
                    ? new Item(Item.VOICE, string(payload, "uri"), count, seconds(payload)) : null;
            default -> null;
        };
    }

    /** Exactly msg_type, these fields (the first a string), and maybe count. */
    private static boolean only(JsonObject payload, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (String key : payload.keySet()) {
            if (!key.equals("msg_type") && !key.equals("count") && !allowed.contains(key)) {
                return false;
            }
        }
        for (String field : fields) {
            if (!payload.containsKey(field)) {
                return false;
            }
        }
        return string(payload, fields[0]) != null;
    }

    private static String string(JsonObject payload, String field) {
        return payload.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private static Integer seconds(JsonObject payload) {
        return payload.get("duration") instanceof JsonNumber n ? whole(n, BigDecimal.ZERO, MAX_SECONDS) : null;
    }

    /** 0 when absent, N for a whole "count" of 2..32767; null (not typed) for anything else. */
    private static Integer count(JsonObject payload) {
        JsonValue value = payload.get("count");
        if (value == null) {
            return 0;
        }
        return value instanceof JsonNumber n ? whole(n, MIN_COUNT, MAX_COUNT) : null;
    }

    private static Integer whole(JsonNumber n, BigDecimal min, BigDecimal max) {
        BigDecimal value = n.bigDecimalValue();
        return n.isIntegral() && value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? value.intValueExact() : null;
    }

    /**
     * A {@code multi} of two or more payloads that each map to one item. Each element's own mapping
     * already comes back to that element, so the list comes back to this payload.
     */
    private static List<Item> multi(JsonObject payload) {
        if (!isCustom(payload, MULTI, "items") || !(payload.get("items") instanceof JsonArray array) || array.size() < 2) {
            return null;
        }
        List<Item> items = new ArrayList<>(array.size());
        for (JsonValue element : array) {
            if (element.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            List<Item> one = toDialectB(element.asJsonObject());
            if (one.size() != 1) {
                return null;
            }
            items.add(one.get(0));
        }
        return items;
    }

    /** A {@code jim_item} whose item is valid JIM JSON and maps back to this payload. */
    private static Item jimItem(JsonObject payload) {
        if (!isCustom(payload, JIM_ITEM, "item")) {
            return null;
        }
        Item item;
        try {
            item = JimJson.readItem(payload.get("item"), "item");
        } catch (BodyException notAnItem) {
            return null;
        }
        return itemToA(item).equals(payload) ? item : null;
    }

    private static boolean isCustom(JsonObject payload, String customType, String field) {
        return CUSTOM.equals(string(payload, "msg_type")) && customType.equals(string(payload, "custom_type"))
                && payload.keySet().equals(Set.of("msg_type", "custom_type", field));
    }
}
