/** Durations as users write them in config files (`30s`, `10m`, `1h30m`, `2d`); the rollout engine reuses this parser. */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

// Largest unit first, each at most once: the same shape the schemas' `duration` pattern accepts.
const DURATION = /^(?=.)(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$/;

/** Parse a duration into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [, d, h, m, s] = match;
  return (
    Number(d ?? 0) * UNIT_MS.d +
    Number(h ?? 0) * UNIT_MS.h +
    Number(m ?? 0) * UNIT_MS.m +
    Number(s ?? 0) * UNIT_MS.s
  );
}

/** Write milliseconds as the shortest duration text (`90m` → `1h30m`; below a second → `0s`). */
export function formatDuration(ms: number): string {
  let rest = Math.floor(ms / 1000);
  let text = "";
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  if (rest > 0 || text === "") text += `${rest}s`;
  return text;
}
