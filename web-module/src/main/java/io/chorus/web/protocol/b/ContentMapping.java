package io.chorus.web.protocol.b;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * {"msg_type":"gif","uri":U}                          {t:5, d:U}
 * any of these plus "count":N (N &gt; 1)                 the item with c:N
 * any other payload                                   {t:0, d:"&lt;the payload as JSON text&gt;"}
 * {"msg_type":"custom","custom_type":"jim_item",      any other single item, as it is
 *  "item":{t, d, c, vd}}
 * {"msg_type":"custom","custom_type":"multi",         several items, each mapped by these rules
 *  "items":[payload, ...]}
 * </pre>
 *
 * A typed row applies only to a payload with exactly its fields and types, so extra fields are never
 * dropped: such a payload travels whole as {@code t:0}.
 */
public final class ContentMapping {
    static final String CUSTOM = "custom";
    static final String JIM_ITEM = "jim_item";
    static final String MULTI = "multi";

    private ContentMapping() {
    }

    /** JIM items to one dialect A payload. */
    public static JsonObject toDialectA(List<Item> items) {
        if (items.isEmpty()) {
            throw new BodyException("bd", "must not be empty");
        }
        if (items.size() == 1) {
            return itemToA(items.get(0));
        }
        JsonArrayBuilder each = Json.createArrayBuilder();
        items.forEach(item -> each.add(itemToA(item)));
        return Json.createObjectBuilder().add("msg_type", CUSTOM).add("custom_type", MULTI).add("items", each).build();
    }

    /** A dialect A payload to JIM items. */
    public static List<Item> toDialectB(JsonObject payload) {
        if (isCustom(payload, MULTI, "items") && payload.get("items") instanceof jakarta.json.JsonArray array && !array.isEmpty()
                && array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.OBJECT)) {
            List<Item> items = new ArrayList<>();
            array.forEach(v -> items.addAll(toDialectB(v.asJsonObject())));
            return items;
        }
        if (isCustom(payload, JIM_ITEM, "item")) {
            try {
                return List.of(JimJson.readItem(payload.get("item"), "item"));
            } catch (BodyException notAnItem) {
                return List.of(whole(payload));
            }
        }
        Item typed = typed(payload);
        return List.of(typed != null ? typed : whole(payload));
    }

    private static JsonObject itemToA(Item item) {
        JsonObjectBuilder a = Json.createObjectBuilder();
        String data = item.data() == null ? "" : item.data();
        boolean noVoice = item.voiceSeconds() == null;
        switch (item.type()) {
            case Item.TEXT -> {
                if (noVoice) {
                    a.add("msg_type", "text").add("text", data);
                    return withCount(a, item);
                }
            }
            case Item.IMAGE -> {
                if (noVoice) {
                    a.add("msg_type", "image").add("uri", data);
                    return withCount(a, item);
                }
            }
            case Item.EMOTICON -> {
                if (noVoice) {
                    a.add("msg_type", "expression").add("code", data);
                    return withCount(a, item);
                }
            }
            case Item.VOICE -> {
                a.add("msg_type", "voice").add("uri", data).add("duration", noVoice ? 0 : item.voiceSeconds());
                return withCount(a, item);
            }
            case Item.GIF -> {
                if (noVoice) {
                    a.add("msg_type", "gif").add("uri", data);
                    return withCount(a, item);
                }
            }
            case 0 -> {
                JsonObject carried = carriedPayload(item);
                if (carried != null) {
                    return carried;
                }
            }
            default -> {
                // kept whole below
            }
        }
        return Json.createObjectBuilder().add("msg_type", CUSTOM).add("custom_type", JIM_ITEM)
                .add("item", JimJson.writeItem(item)).build();
    }

    private static JsonObject withCount(JsonObjectBuilder a, Item item) {
        if (item.count() > 1) {
            a.add("count", item.count());
        }
        return a.build();
    }

    /** A {@code t:0} item made by {@link #whole}: its data is a dialect A payload. */
    private static JsonObject carriedPayload(Item item) {
        if (item.data() == null || item.count() > 1 || item.voiceSeconds() != null) {
            return null;
        }
        try {
            JsonObject payload = JimJson.readObject(item.data().getBytes(StandardCharsets.UTF_8));
            return payload.get("msg_type") instanceof JsonString ? payload : null;
        } catch (BodyException notAPayload) {
            return null;
        }
    }

    private static Item whole(JsonObject payload) {
        return Item.of(0, payload.toString());
    }

    private static Item typed(JsonObject payload) {
        if (!(payload.get("msg_type") instanceof JsonString msgType)) {
            return null;
        }
        Integer count = count(payload);
        if (count == null) {
            return null;
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

    /** The payload has exactly msg_type, these string-or-number fields, and maybe count. */
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
        if (payload.get("duration") instanceof JsonNumber n && n.isIntegral() && n.bigDecimalValue().signum() >= 0
                && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return n.intValue();
        }
        return null;
    }

    /** 0 when absent, N for a whole "count" of 2..32767; null (not typed) for anything else. */
    private static Integer count(JsonObject payload) {
        JsonValue value = payload.get("count");
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(2)) >= 0
                && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Short.MAX_VALUE)) <= 0) {
            return n.intValue();
        }
        return null;
    }

    private static boolean isCustom(JsonObject payload, String customType, String field) {
        return CUSTOM.equals(string(payload, "msg_type")) && customType.equals(string(payload, "custom_type"))
                && payload.keySet().equals(Set.of("msg_type", "custom_type", field));
    }
}
