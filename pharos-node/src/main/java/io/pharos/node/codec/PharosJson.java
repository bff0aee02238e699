package io.pharos.node.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.pharos.core.command.Command;
import io.pharos.core.command.Result;
import io.pharos.core.net.Cidr;
import io.pharos.core.net.IpRange;
import io.pharos.core.net.Ipv4;
import io.pharos.core.net.Mac;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one JSON mapping of Pharos records, used for log entries, snapshots and the API alike, so that what
 * an operator sees is what is replicated. Addresses are strings ("10.0.0.1", "aa:bb:..", "10.0.0.0/24");
 * commands and results carry a "type" field with the record's simple name.
 */
public final class PharosJson {
    private static final ObjectMapper MAPPER = build();

    private PharosJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface Polymorphic {}

    private static ObjectMapper build() {
        SimpleModule addresses = new SimpleModule("pharos-addresses");
        text(addresses, Ipv4.class, Ipv4::parse);
        text(addresses, Mac.class, Mac::parse);
        text(addresses, Cidr.class, Cidr::parse);
        text(addresses, IpRange.class, IpRange::parse);
        JsonMapper mapper = JsonMapper.builder()
                .addModule(addresses)
                .addMixIn(Command.class, Polymorphic.class)
                .addMixIn(Result.class, Polymorphic.class)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        registerSealed(mapper, Command.class);
        registerSealed(mapper, Result.class);
        return mapper;
    }

    private static void registerSealed(ObjectMapper mapper, Class<?> sealed) {
        for (Class<?> variant : sealed.getPermittedSubclasses())
            mapper.registerSubtypes(new NamedType(variant, variant.getSimpleName()));
    }

    private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(parser, e.getMessage(), text, type);
                }
            }
        });
    }
}
