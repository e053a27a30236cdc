package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * Found by RequestParsersFuzzTest: the parsers showed unknown field names back as they came (in
 * lookup pointers, and via "unknown field '…'" for registrations), so a BSN or pseudonym used as
 * a JSON key was echoed in the problem. Now only plain names are shown.
 */
class UnknownFieldNamesTest {
  private static final String BSN = "123456782";
  private static final String PSEUDONYM = "t1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

  @Test
  void showable_plainNamesOnly() {
    assertThat(FieldNames.showable("agency")).isTrue();
    assertThat(FieldNames.showable("x2")).isTrue();
    assertThat(FieldNames.showable("_meta_v123")).isTrue();
    assertThat(FieldNames.showable(BSN)).isFalse();
    assertThat(FieldNames.showable("bsn" + BSN)).isFalse();
    assertThat(FieldNames.showable(PSEUDONYM)).isFalse();
    assertThat(FieldNames.showable("a".repeat(33))).isFalse();
    assertThat(FieldNames.showable("a/b")).isFalse();
    assertThat(FieldNames.showable("")).isFalse();
    assertThat(FieldNames.showable("ä")).isFalse();
  }

  @Test
  void lookup_unknownFieldNamedLikeABsnOrPseudonym_isNotEchoed() {
    String body = "{\"purpose\":\"screening\",\"" + BSN + "\":1,\"households\":[{\"" + PSEUDONYM + "\":2,\"x\":3}]}";
    ProblemException e = lookupProblem(body);
    assertThat(e.itemErrors()).extracting(ItemError::pointer).containsExactly("", "/households/0", "/households/0/x");
    assertThat(e.itemErrors().get(0).detail()).contains("not a lookup field").contains("not shown");
    for (ItemError item : e.itemErrors()) {
      assertThat(item.pointer() + item.detail()).doesNotContain(BSN).doesNotContain(PSEUDONYM.substring(3));
    }
  }

  @Test
  void lookup_plainUnknownField_isStillNamed() {
    assertThat(lookupProblem("{\"agency\":\"om\"}").itemErrors()).extracting(ItemError::pointer).containsExactly("/agency");
  }

  @Test
  void registrationLine_unknownFieldNamedLikeABsn_isWithheld() throws Exception {
    byte[] line = ("{\"subject\":\"" + PSEUDONYM + "\",\"" + BSN + "\":true}").getBytes(StandardCharsets.UTF_8);
    assertThat(RegistrationLineParser.parse(line, 0, line.length).unknownField()).isEqualTo(FieldNames.WITHHELD);
    byte[] plain = "{\"agency\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(RegistrationLineParser.parse(plain, 0, plain.length).unknownField()).isEqualTo("agency");
  }

  @Test
  void registrationItem_unknownFieldNamedLikeAPseudonym_isWithheld() {
    assertThat(RegistrationHandlers.item(new JsonObject().put("subject", "x").put(PSEUDONYM, 1)).unknownField())
        .isEqualTo(FieldNames.WITHHELD);
    assertThat(RegistrationHandlers.item(new JsonObject().put("agency", "om")).unknownField()).isEqualTo("agency");
  }

  private static ProblemException lookupProblem(String body) {
    try {
      LookupRequestParser.parse(Buffer.buffer(body));
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("the lookup body was accepted");
  }
}
