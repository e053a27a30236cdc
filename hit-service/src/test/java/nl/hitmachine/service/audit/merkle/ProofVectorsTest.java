package nl.hitmachine.service.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every RFC 6962 proof vector of transparency-dev/merkle (copied unchanged into
 * src/test/resources/rfc6962, see SOURCE.md there) through {@link ProofVerifier}.
 */
class ProofVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> inclusionVectors() throws IOException, URISyntaxException {
    return vectors("inclusion");
  }

  static Stream<Arguments> consistencyVectors() throws IOException, URISyntaxException {
    return vectors("consistency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void verifyInclusion_publishedVector_acceptsExactlyTheValidOnes(String name, JsonNode v) {
    long leafIndex = uint64(v.get("leafIdx"));
    long treeSize = uint64(v.get("treeSize"));
    byte[] leafHash = bytes(v.get("leafHash"));
    List<byte[]> proof = hashes(v.get("proof"));
    byte[] root = bytes(v.get("root"));

    if (v.get("wantErr").asBoolean()) {
      assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leafIndex, treeSize, leafHash, proof, root))
          .as(v.get("desc").asText())
          .isInstanceOf(ProofVerificationException.class);
    } else {
      assertThatCode(() -> ProofVerifier.verifyInclusion(leafIndex, treeSize, leafHash, proof, root))
          .as(v.get("desc").asText())
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyVectors")
  void verifyConsistency_publishedVector_acceptsExactlyTheValidOnes(String name, JsonNode v) {
    long size1 = uint64(v.get("size1"));
    long size2 = uint64(v.get("size2"));
    byte[] root1 = bytes(v.get("root1"));
    byte[] root2 = bytes(v.get("root2"));
    List<byte[]> proof = hashes(v.get("proof"));

    if (v.get("wantErr").asBoolean()) {
      assertThatThrownBy(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof))
          .as(v.get("desc").asText())
          .isInstanceOf(ProofVerificationException.class);
    } else {
      assertThatCode(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof))
          .as(v.get("desc").asText())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void vectors_copiedFromUpstream_areAllPresent() throws Exception {
    // 197 files in the copy: SOURCE.md plus the JSON vectors. A lost file must not pass silently.
    assertThat(vectors("inclusion").count() + vectors("consistency").count()).isEqualTo(196);
    assertThat(vectors("inclusion").filter(a -> !((JsonNode) a.get()[1]).get("wantErr").asBoolean()))
        .isNotEmpty();
  }

  private static Stream<Arguments> vectors(String kind) throws IOException, URISyntaxException {
    Path dir = Path.of(ProofVectorsTest.class.getResource("/rfc6962/" + kind).toURI());
    List<Arguments> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        all.add(Arguments.of(kind + "/" + dir.relativize(file), JSON.readTree(file.toFile())));
      }
    }
    return all.stream();
  }

  /**
   * The vectors hold unsigned 64-bit numbers (Go's uint64); values above Long.MAX_VALUE map to
   * negative longs, which the verifier rejects as out of range — as the vectors require.
   */
  private static long uint64(JsonNode number) {
    BigInteger value = number.bigIntegerValue();
    assertThat(value.signum()).isNotNegative();
    assertThat(value.bitLength()).isLessThanOrEqualTo(64);
    return value.longValue();
  }

  private static byte[] bytes(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asText());
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    if (array != null && !array.isNull()) {
      array.forEach(h -> hashes.add(bytes(h)));
    }
    return hashes;
  }
}
