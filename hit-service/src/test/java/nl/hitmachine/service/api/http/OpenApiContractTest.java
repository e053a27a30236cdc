package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.hitmachine.service.failure.ProblemType;
import org.junit.jupiter.api.Test;

/** docs/api/openapi.yaml stays true to the route table and the problem types. */
class OpenApiContractTest {
  private static JsonNode spec() throws Exception {
    return new ObjectMapper(new YAMLFactory())
        .readTree(Path.of(System.getProperty("hitmachine.root"), "docs/api/openapi.yaml").toFile());
  }

  @Test
  void paths_matchTheRouteTable() throws Exception {
    Set<String> documented = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = spec().get("paths").fields();
    while (paths.hasNext()) {
      var path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    Vertx vertx = Vertx.vertx();
    try {
      Router router = HttpApi.router(vertx, vertx.createSharedWorkerExecutor("contract-test", 1),
          new HttpApi.Dependencies(null, null, null, null, null, null, new nl.hitmachine.service.health.Readiness(),
              new HttpApi.BodyLimits(1024, 1000, 1024, 1000), null, null,
              new RequestLog(null, java.time.Clock.systemUTC())));
      Set<String> served = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() != null && route.methods() != null) {
          for (HttpMethod m : route.methods()) {
            served.add(m.name() + " " + route.getPath());
          }
        }
      }
      assertThat(documented).isEqualTo(served);
    } finally {
      vertx.close();
    }
  }

  @Test
  void problemTypes_matchTheEnum() throws Exception {
    Set<String> documented = new TreeSet<>();
    spec().at("/components/schemas/Problem/properties/type/enum").forEach(n -> documented.add(n.asText()));
    Set<String> actual = new TreeSet<>();
    Arrays.stream(ProblemType.values()).forEach(t -> actual.add(t.uri()));
    assertThat(documented).isEqualTo(actual);
  }
}
