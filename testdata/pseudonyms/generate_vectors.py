#!/usr/bin/env python3
"""Generates vectors.json: the Hitmachine pseudonym known-answer vectors.

This is deliberately an independent implementation of the pseudonym construction (Python standard
library only: hmac, hashlib, base64), not a port of the Java SDK, so that the Java tests, the
hit-service tests and vendor re-implementations are all checked against the same outside answer.

    python3 testdata/pseudonyms/generate_vectors.py > testdata/pseudonyms/vectors.json

The output is deterministic: the keys below are fixed test keys (never use them for real data).
"""
import base64
import hashlib
import hmac
import json
import platform

PREFIX = "hitmachine:bsn:v1:"

# RFC 4231, section 4: HMAC-SHA-256 test cases 1-4, 6 and 7 (case 5 tests truncation, so omitted).
# Expected values copied from the RFC; they are re-checked against Python's hmac below.
RFC4231 = [
    ("RFC 4231 test case 1", "0b" * 20, b"Hi There".hex(),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    ("RFC 4231 test case 2", b"Jefe".hex(), b"what do ya want for nothing?".hex(),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ("RFC 4231 test case 3", "aa" * 20, "dd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    ("RFC 4231 test case 4", "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ("RFC 4231 test case 6", "aa" * 131,
     b"Test Using Larger Than Block-Size Key - Hash Key First".hex(),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ("RFC 4231 test case 7", "aa" * 131,
     (b"This is a test using a larger than block-size key and a larger than block-size data. "
      b"The key needs to be hashed before being used by the HMAC algorithm.").hex(),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]

# Fixed test keys (32 bytes each). Test material only.
KEYS = {
    "v1": bytes(range(32)).hex(),
    "k2026a": "34a5df80049f57c9c1e5c01697bf382f6851eb37f6f95f89e8d6cfd93b75cb68",
    "a": "0b" * 32,
    "abcdefghij012345": "fb257b9ae6c900c7e2e9cd1f36b8fef54306555cb4393c15072e2724a94b48e4",
}

VALID = [
    ("plain 9 digits", "v1", "123456782"),
    ("dots", "v1", "12.34.56.782"),
    ("dashes", "v1", "123-456-782"),
    ("spaces, also leading and trailing", "v1", " 1234 5678 2 "),
    ("8 digits: left-padded with one zero", "v1", "12345672"),
    ("8 digits with a dot: same BSN as the previous vector", "v1", "1234.5672"),
    ("9 digits with the leading zero written: same BSN again", "v1", "012345672"),
    ("another BSN", "v1", "111222333"),
    ("check digit 0", "v1", "999999990"),
    ("check digit 9", "v1", "100000009"),
    ("short input: left-padded to 9 digits", "v1", "12"),
    ("same BSN as the first vector, other key", "k2026a", "123456782"),
    ("8 digits under the other key", "k2026a", "12345672"),
    ("one-character kid", "a", "123456782"),
    ("sixteen-character kid", "abcdefghij012345", "111222333"),
]

INVALID = [
    ("", "EMPTY"),
    (" . - ", "EMPTY"),
    ("12345678a", "NOT_DIGITS"),
    ("12_345_678_2", "NOT_DIGITS"),
    ("12345678\t2", "NOT_DIGITS"),
    ("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0662", "NOT_DIGITS"),
    ("1234567890", "TOO_LONG"),
    ("0123456782", "TOO_LONG"),
    ("000000000", "ALL_ZEROS"),
    ("0", "ALL_ZEROS"),
    ("00.000.000", "ALL_ZEROS"),
    ("123456789", "CHECK_DIGIT"),
    ("12345678", "CHECK_DIGIT"),
    ("1", "CHECK_DIGIT"),
]


def normalise(text):
    """Returns (bsn9, None) or (None, reason), following the brief's section 3."""
    stripped = "".join(c for c in text if c not in " .-")
    if stripped == "":
        return None, "EMPTY"
    if any(c not in "0123456789" for c in stripped):
        return None, "NOT_DIGITS"
    if len(stripped) > 9:
        return None, "TOO_LONG"
    bsn9 = stripped.rjust(9, "0")
    if bsn9 == "000000000":
        return None, "ALL_ZEROS"
    d = [int(c) for c in bsn9]
    total = sum(w * x for w, x in zip((9, 8, 7, 6, 5, 4, 3, 2), d[:8])) - d[8]
    if total % 11 != 0:
        return None, "CHECK_DIGIT"
    return bsn9, None


def pseudonym(kid, key_hex, bsn9):
    mac = hmac.new(bytes.fromhex(key_hex), (PREFIX + bsn9).encode("ascii"), hashlib.sha256).digest()
    return kid + "." + base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def main():
    hmac_cases = []
    for name, key, data, expected in RFC4231:
        got = hmac.new(bytes.fromhex(key), bytes.fromhex(data), hashlib.sha256).hexdigest()
        assert got == expected, name
        hmac_cases.append({"name": name, "key": key, "data": data, "expected": expected})

    pseudonyms = []
    for name, kid, text in VALID:
        bsn9, reason = normalise(text)
        assert reason is None, (name, reason)
        p = pseudonym(kid, KEYS[kid], bsn9)
        assert len(p) == len(kid) + 1 + 43
        pseudonyms.append({"name": name, "kid": kid, "key": KEYS[kid], "input": text,
                           "bsn9": bsn9, "message": PREFIX + bsn9, "pseudonym": p})

    invalid = []
    for text, reason in INVALID:
        assert normalise(text) == (None, reason), text
        invalid.append({"input": text, "reason": reason})

    doc = {
        "description": "Known-answer vectors for the Hitmachine BSN pseudonym (brief section 3). "
                       "See README.md in this folder.",
        "construction": "pseudonym = kid + '.' + base64url_nopad(HMAC-SHA256(key, ASCII('"
                        + PREFIX + "' + bsn9)))",
        "source": "hmacSha256: RFC 4231 section 4, test cases 1-4, 6 and 7 (case 5 is a truncation "
                  "test and is omitted), copied from the RFC and re-checked with Python's hmac. "
                  "pseudonyms and invalidBsns: computed by generate_vectors.py in this folder with "
                  "Python " + platform.python_version() + " standard library (hmac, hashlib, "
                  "base64), independently of the Java SDK. All keys are fixed test keys.",
        "encoding": "key, data and expected are lower-case hex; input is the text as a user or "
                    "case system would give it; bsn9 is the normalised 9-digit BSN; message is "
                    "the exact ASCII string that is MACed.",
        "hmacSha256": hmac_cases,
        "pseudonyms": pseudonyms,
        "invalidBsns": invalid,
    }
    print(json.dumps(doc, indent=2, ensure_ascii=True))


if __name__ == "__main__":
    main()
