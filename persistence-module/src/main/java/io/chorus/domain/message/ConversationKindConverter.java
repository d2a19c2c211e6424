package io.chorus.domain.message;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link ConversationKind} as its code ({@code C2C}, {@code S2C}, {@code C2G}, {@code S2G}). */
@Converter(autoApply = true)
public class ConversationKindConverter implements AttributeConverter<ConversationKind, String> {
    @Override
    public String convertToDatabaseColumn(ConversationKind kind) {
        return kind == null ? null : kind.code();
    }

    @Override
    public ConversationKind convertToEntityAttribute(String code) {
        return code == null ? null : ConversationKind.ofCode(code);
    }
}
