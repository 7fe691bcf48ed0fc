package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

  @Test
  @SuppressWarnings("unchecked")
  void parse_nestedValues_keepOrderAndExactNumbers() {
    // when
    Object value = MiniJson.parse(" {\"a\": [1, 2.50, -3e2], \"b\": {\"c\": true, \"d\": null}, \"e\": \"x\\\"\\u00e9\\n\"} ");

    // then
    assertThat(value).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map.keySet()).containsExactly("a", "b", "e");
    assertThat((List<Object>) map.get("a")).containsExactly(new BigDecimal("1"), new BigDecimal("2.50"), new BigDecimal("-3e2"));
    assertThat(((Map<?, ?>) map.get("b")).get("c")).isEqualTo(Boolean.TRUE);
    assertThat(((Map<?, ?>) map.get("b")).get("d")).isSameAs(MiniJson.NULL);
    assertThat(map.get("e")).isEqualTo("x\"é\n");
  }

  @Test
  void parse_errors_nameTheColumn() {
    assertThatThrownBy(() -> MiniJson.parse("{\"a\":1,}")).hasMessage("JSON error at column 8: expected a quoted member name");
    assertThatThrownBy(() -> MiniJson.parse("{\"a\":1} x")).hasMessage("JSON error at column 9: unexpected text after the value");
    assertThatThrownBy(() -> MiniJson.parse("\"abc")).hasMessage("JSON error at column 5: unterminated string");
    assertThatThrownBy(() -> MiniJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("member \"a\" appears twice");
    assertThatThrownBy(() -> MiniJson.parse("tru")).hasMessageContaining("expected true");
  }

  @Test
  void quote_escapesWhatJsonRequires() {
    assertThat(MiniJson.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    assertThat(MiniJson.parse(MiniJson.quote("a\"b\\c\nd\u0001"))).isEqualTo("a\"b\\c\nd\u0001");
  }
}
