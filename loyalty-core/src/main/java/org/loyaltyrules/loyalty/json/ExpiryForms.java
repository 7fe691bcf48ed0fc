package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.loyaltyrules.loyalty.ExpiringPoints;
import org.loyaltyrules.loyalty.json.JsonTree.Node;

/**
 * The canonical form of {@link ExpiringPoints} (what a host sends a member app or stores for a
 * reminder), written and read like the other forms: fields in component order, the batches in
 * order. Reading one back runs the value's own validation (batches in order, inside the window, a
 * total that fits), so a tampered document is refused by name.
 */
final class ExpiryForms {
  private ExpiryForms() {}

  static void batch(JsonGenerator g, ExpiringPoints.Batch batch) throws IOException {
    Writers.begin(g);
    Writers.instant(g, "expiresAt", batch.expiresAt());
    g.writeNumberField("points", batch.points().value());
    g.writeEndObject();
  }

  static void expiringPoints(JsonGenerator g, ExpiringPoints soon) throws IOException {
    Writers.begin(g);
    Writers.instant(g, "asOf", soon.asOf());
    Writers.instant(g, "until", soon.until());
    g.writeArrayFieldStart("batches");
    for (ExpiringPoints.Batch batch : soon.batches()) {
      batch(g, batch);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static ExpiringPoints.Batch batch(Node node) {
    Fields f = Fields.of(node);
    var expiresAt = f.instant("expiresAt");
    var points = f.points("points");
    f.end();
    return Fields.build(f.path(), () -> new ExpiringPoints.Batch(expiresAt, points));
  }

  static ExpiringPoints expiringPoints(Node node) {
    Fields f = Fields.of(node);
    var asOf = f.instant("asOf");
    var until = f.instant("until");
    List<ExpiringPoints.Batch> batches = f.list("batches", ExpiryForms::batch);
    f.end();
    return Fields.build(f.path(), () -> new ExpiringPoints(asOf, until, batches));
  }
}
