package org.loyaltyrules.loyalty.examples.shop;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the shop stores a ledger checkpoint ({@code shop.checkpoint.*} properties). A member is loaded
 * as its latest checkpoint plus the rows after it; once a decision leaves more than {@code tailRows}
 * rows after the checkpoint, a new one is stored in the same transaction.
 *
 * @param tailRows how many rows after the latest checkpoint a member may have before the next one is
 *     taken; at least 1
 * @param lateness how late an event may arrive, and how old an order may be when it is returned,
 *     and still be decided once a checkpoint is taken: the checkpoint keeps full detail from
 *     {@code Programme.checkpointHorizon(asOf, lateness)} on; an event before that is refused
 */
@ConfigurationProperties("shop.checkpoint")
record CheckpointProperties(@DefaultValue("1000") int tailRows, @DefaultValue("P180D") Period lateness) {
  CheckpointProperties {
    if (tailRows < 1) {
      throw new IllegalArgumentException("shop.checkpoint.tail-rows [" + tailRows + "]; expected ≥ 1");
    }
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("shop.checkpoint.lateness [" + lateness + "]; expected ≥ 0");
    }
  }
}
