package org.loyaltyrules.loyalty.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The Jackson module that gives an {@code ObjectMapper} the canonical JSON form of loyalty values:
 * {@code LedgerEntry} (every kind), {@code Decision}, {@code Order}, {@code OrderLine}, {@code
 * Member}, {@code LoyaltyEvent} (every kind), {@code ReturnedLine}, {@code TierChange}, {@code
 * Provenance}, {@code LineShare}, {@code Money}, {@code Points}, and {@code LedgerCheckpoint} with
 * the {@code PointLot}s and lot and redemption states it holds; for redemptions, {@code
 * RedemptionPolicy} (and its {@code TierRate}), {@code RedemptionQuote}, {@code RedemptionLimit} and
 * the {@code Checkout} a redemption names. The form is described in the
 * {@linkplain org.loyaltyrules.loyalty.json package documentation}.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new LoyaltyJsonModule());
 * String json = mapper.writeValueAsString(decision);  // {"format":1,"eventId":"o-1",...}
 * Decision back = mapper.readValue(json, Decision.class);
 * }</pre>
 *
 * <p>The form does not depend on the mapper's settings: the module writes every field itself. Read
 * failures reach the host's mapper as a {@code JsonMappingException} whose cause is a {@link
 * LoyaltyJsonException} (so a Spring MVC endpoint answers 400); {@link LoyaltyJson#read} throws the
 * {@code LoyaltyJsonException} itself. The module reads hostile input safely on any mapper (it
 * refuses duplicate keys, unknown fields, nulls, floats for integers and nesting deeper than any
 * canonical document), but only {@link LoyaltyJson#mapper()} also bounds document, string and number
 * sizes and refuses trailing tokens.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoyaltyJsonModule extends Module {

  /** Creates the module. */
  public LoyaltyJsonModule() {}

  /** {@return {@code LoyaltyJsonModule}} */
  @Override
  public String getModuleName() {
    return "LoyaltyJsonModule";
  }

  /** {@return the module's version: the canonical form's version as the major version} */
  @Override
  public Version version() {
    return new Version(LoyaltyJson.FORMAT, 0, 0, null, "org.loyaltyrules", "loyalty-core");
  }

  /**
   * Adds the serializers and deserializers of every supported type.
   *
   * @param context the mapper's setup context, given by Jackson
   * @throws org.loyaltyrules.loyalty.InvalidValueException if {@code context} is null
   */
  @Override
  public void setupModule(SetupContext context) {
    Checks.present("JSON module", "context", context);
    SimpleSerializers serializers = new SimpleSerializers();
    SimpleDeserializers deserializers = new SimpleDeserializers();
    for (Forms.Form<?> form : Forms.ALL) {
      register(form, serializers, deserializers);
    }
    context.addSerializers(serializers);
    context.addDeserializers(deserializers);
  }

  private static <T> void register(Forms.Form<T> form, SimpleSerializers serializers, SimpleDeserializers deserializers) {
    serializers.addSerializer(form.type(), new Forms.Serializer<>(form));
    deserializers.addDeserializer(form.type(), new Forms.Deserializer<>(form));
  }
}
