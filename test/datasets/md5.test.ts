import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { md5 } from "../../lib/datasets/md5.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("md5", () => {
  // RFC 1321, appendix A.5 test suite.
  test.each([
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
    [
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      "d174ab98d277d9f5a5611c2c9f419d9f",
    ],
    ["1234567890".repeat(8), "57edf4a22be3c955ac49da2e2107b67a"],
  ])("RFC 1321: md5(%j)", (text, expected) => {
    expect(md5(utf8(text))).toBe(expected);
  });

  // Lengths around the 55/56/64-byte padding boundaries.
  test.each([55, 56, 57, 63, 64, 65, 119, 120, 128])(
    "a %i-byte message agrees with node:crypto",
    (n) => {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(md5(bytes)).toBe(createHash("md5").update(bytes).digest("hex"));
    },
  );

  test("property: agrees with node:crypto on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(md5(bytes)).toBe(createHash("md5").update(bytes).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });
});
