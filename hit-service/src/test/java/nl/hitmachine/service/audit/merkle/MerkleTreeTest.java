package nl.hitmachine.service.audit.merkle;

import static nl.hitmachine.service.audit.merkle.ReferenceTrees.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hashes_rfc6962Definitions_matchPublishedValues() {
    assertThat(hex(MerkleHashes.emptyRoot())).isEqualTo(ReferenceTrees.ROOTS.get(0));
    assertThat(hex(MerkleHashes.leafHash(new byte[0]))).isEqualTo(ReferenceTrees.ROOTS.get(1));
    assertThat(hex(MerkleHashes.leafHash(new byte[] {0})))
        .isEqualTo("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
    assertThat(hex(MerkleHashes.nodeHash(MerkleHashes.leafHash(new byte[0]), MerkleHashes.leafHash(new byte[] {0}))))
        .isEqualTo(ReferenceTrees.ROOTS.get(2));
  }

  @Test
  void nodeHash_childNot32Bytes_isRefused() {
    assertThatThrownBy(() -> MerkleHashes.nodeHash(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void root_standardLeaves_matchesTheReferenceRootForEverySize() {
    MerkleTree tree = new MerkleTree(ReferenceTrees.standardLeaves());
    for (int size = 0; size <= 8; size++) {
      assertThat(hex(tree.root(size))).as("size %d", size).isEqualTo(ReferenceTrees.ROOTS.get(size));
    }
    assertThat(tree.treeHead(8).rootHex())
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  @Test
  void compactRange_standardLeavesAppendedOneByOne_givesTheReferenceRoots() {
    InMemoryLeafHashes leaves = ReferenceTrees.standardLeaves();
    CompactRange range = new CompactRange();
    assertThat(hex(range.root())).isEqualTo(ReferenceTrees.ROOTS.get(0));
    for (int i = 0; i < 8; i++) {
      range.append(leaves.get(i));
      assertThat(hex(range.root())).as("size %d", i + 1).isEqualTo(ReferenceTrees.ROOTS.get(i + 1));
    }
  }

  @Test
  void compactRange_everySizeUpTo300_equalsTheRecursiveRootAndTheTreeRoot() {
    InMemoryLeafHashes leaves = ReferenceTrees.numberedLeaves(300);
    MerkleTree tree = new MerkleTree(leaves);
    CompactRange range = new CompactRange();
    for (int size = 0; size <= 300; size++) {
      byte[] expected = ReferenceTrees.mth(leaves, 0, size);
      assertThat(range.size()).isEqualTo(size);
      assertThat(range.root()).as("incremental, size %d", size).isEqualTo(expected);
      assertThat(tree.root(size)).as("from scratch, size %d", size).isEqualTo(expected);
      assertThat(CompactRange.of(leaves, size).treeHead()).isEqualTo(new TreeHead(size, expected));
      if (size < 300) {
        range.append(leaves.get(size));
      }
    }
  }

  @Test
  void compactRange_copy_isUnaffectedByLaterAppends() {
    InMemoryLeafHashes leaves = ReferenceTrees.numberedLeaves(5);
    CompactRange range = CompactRange.of(leaves, 3);
    CompactRange snapshot = range.copy();
    range.append(leaves.get(3));
    range.append(leaves.get(4));
    assertThat(snapshot.treeHead()).isEqualTo(new TreeHead(3, ReferenceTrees.mth(leaves, 0, 3)));
    assertThat(range.treeHead()).isEqualTo(new TreeHead(5, ReferenceTrees.mth(leaves, 0, 5)));
  }

  @Test
  void inclusionProof_standardLeaves_matchesTheReferenceProof() {
    // Inclusion of leaf 0 in the 8-leaf tree: transparency-dev/merkle testdata/inclusion/1/happy-path.json.
    MerkleTree tree = new MerkleTree(ReferenceTrees.standardLeaves());
    assertThat(tree.inclusionProof(0, 8).stream().map(ReferenceTrees::hex).toList())
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(tree.inclusionProof(0, 1)).isEmpty();
  }

  @Test
  void consistencyProof_standardLeaves_matchesTheReferenceProof() {
    // Consistency 1 -> 8: transparency-dev/merkle testdata/consistency/1/happy-path.json.
    MerkleTree tree = new MerkleTree(ReferenceTrees.standardLeaves());
    assertThat(tree.consistencyProof(1, 8).stream().map(ReferenceTrees::hex).toList())
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(tree.consistencyProof(8, 8)).isEmpty();
  }

  @Test
  void proofs_argumentsOutsideTheTree_areRefused() {
    MerkleTree tree = new MerkleTree(ReferenceTrees.numberedLeaves(4));
    assertThatThrownBy(() -> tree.root(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(2, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void treeHead_rootArray_isCopiedInAndOut() {
    byte[] root = MerkleHashes.emptyRoot();
    TreeHead head = new TreeHead(0, root);
    root[0] ^= 1;
    head.root()[1] ^= 1;
    assertThat(head.root()).isEqualTo(MerkleHashes.emptyRoot());
    assertThat(head).isEqualTo(new TreeHead(0, MerkleHashes.emptyRoot()));
    assertThat(List.of(head.toString())).allMatch(s -> s.contains(HEX.formatHex(MerkleHashes.emptyRoot())));
  }
}
