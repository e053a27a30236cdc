package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.LookupRequest;
import org.junit.jupiter.api.Test;

class LookupRequestParserTest {
  private static LookupRequest parse(String json) {
    return LookupRequestParser.parse(Buffer.buffer(json));
  }

  private static ProblemException problem(String json) {
    try {
      parse(json);
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("no problem for " + json);
  }

  @Test
  void parse_fullRequest_keepsFormsAndOrder() {
    LookupRequest r = parse("""
        {"purpose":"screening","caseRef":"VH-1","requestedBy":"a.b",
         "subjects":["p1",["p2","p3"]],
         "households":[{"ref":"H1","members":["m1",["m2","m3"]]},{"members":["m4"]}]}""");
    assertThat(r.purpose()).isEqualTo("screening");
    assertThat(r.caseRef()).isEqualTo("VH-1");
    assertThat(r.requestedBy()).isEqualTo("a.b");
    assertThat(r.subjects()).hasSize(2);
    assertThat(r.subjects().get(0).aliases()).containsExactly("p1");
    assertThat(r.subjects().get(0).givenAsList()).isFalse();
    assertThat(r.subjects().get(1).aliases()).containsExactly("p2", "p3");
    assertThat(r.subjects().get(1).givenAsList()).isTrue();
    assertThat(r.households()).hasSize(2);
    assertThat(r.households().get(0).ref()).isEqualTo("H1");
    assertThat(r.households().get(0).members().get(1).aliases()).containsExactly("m2", "m3");
    assertThat(r.households().get(1).ref()).isNull();
  }

  @Test
  void parse_wrongKinds_keepNonStringsForTheUseCaseToRefuse() {
    LookupRequest r = parse("{\"purpose\":42,\"requestedBy\":{\"x\":1},\"subjects\":[7,null,{\"a\":[1]}]}");
    assertThat(r.purpose()).isEqualTo(42);
    assertThat(r.requestedBy()).isNotNull().isNotInstanceOf(String.class);
    assertThat(r.subjects()).hasSize(3);
    assertThat(r.subjects().get(1).aliases()).containsExactly((Object) null);
    assertThat(r.subjects().get(2).aliases().get(0)).isNotInstanceOf(String.class);
  }

  @Test
  void parse_unknownFieldsAndWrongShapes_namePointers() {
    ProblemException e = problem("{\"purpose\":\"s\",\"agency\":\"om\",\"subjects\":{},\"households\":[1,{\"ref\":\"H\",\"x\":2}]}");
    assertThat(e.itemErrors()).extracting(ItemError::pointer)
        .containsExactly("/agency", "/subjects", "/households/0", "/households/1/x");
  }

  @Test
  void parse_notJsonOrNotAnObject_isInvalidWithoutEcho() {
    assertThat(problem("{\"subjects\": [").detail()).isEqualTo("the body is not valid JSON");
    assertThat(problem("[\"123456782\"]").detail()).isEqualTo("the body must be a JSON object").doesNotContain("123456782");
    assertThat(problem("{} {}").detail()).isEqualTo("the body is not valid JSON");
    assertThat(problem("").detail()).isEqualTo("the body must be a JSON object");
  }
}
