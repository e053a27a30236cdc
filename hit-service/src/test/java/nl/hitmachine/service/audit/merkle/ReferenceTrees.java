package nl.hitmachine.service.audit.merkle;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test data and a deliberately naive, recursive RFC 6962 MTH to compare the real code against.
 *
 * <p>{@link #LEAF_INPUTS} and {@link #ROOTS} are copied from transparency-dev/merkle,
 * testonly/constants.go ({@code LeafInputs()} and {@code RootHashes()}), commit
 * 582a6ad190b6848f1d26f8bf08ddef29955d9db1, Apache-2.0. {@code ROOTS.get(n)} is the root of the
 * first n leaf inputs.
 */
final class ReferenceTrees {
  static final List<String> LEAF_INPUTS =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private ReferenceTrees() {}

  static InMemoryLeafHashes standardLeaves() {
    List<byte[]> entries = new ArrayList<>();
    LEAF_INPUTS.forEach(h -> entries.add(HexFormat.of().parseHex(h)));
    return InMemoryLeafHashes.ofEntries(entries);
  }

  /** Leaves whose entries are "entry-0", "entry-1", … */
  static InMemoryLeafHashes numberedLeaves(int count) {
    InMemoryLeafHashes leaves = new InMemoryLeafHashes();
    for (int i = 0; i < count; i++) {
      leaves.appendEntry(("entry-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return leaves;
  }

  /** MTH(D[from:to]) straight from the RFC 6962 §2.1 recursion. */
  static byte[] mth(LeafHashes leaves, long from, long to) {
    long n = to - from;
    if (n == 0) {
      return MerkleHashes.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(from);
    }
    long k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return MerkleHashes.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
