// What the Node smoke scripts share: named checks, an exact comparison, and the closing line.

/** A tally of named checks; `finish()` prints "N passed, N failed" and returns the exit code. */
export function checks() {
  let passed = 0;
  let failed = 0;
  return {
    /** Run one named check; a throw counts as a failure and is printed with its name. */
    async check(name, fn) {
      try {
        await fn();
        passed++;
      } catch (error) {
        failed++;
        console.error(`FAIL ${name}\n  ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    get failed() {
      return failed;
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0 ? 0 : 1;
    },
  };
}

/** Throw unless `actual` and `expected` are the same JSON. */
export function equal(actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`expected ${e}, got ${a}`);
}
