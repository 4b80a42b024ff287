import { afterEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../src/cli/progress.js";
import { LineSplitter } from "../src/cli/lines.js";

const fakeStream = () => {
  const writes: string[] = [];
  return { writes, stream: { write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
};

describe("progress", () => {
  afterEach(() => vi.restoreAllMocks());

  it("draws records, bytes of the total and a rate, throttled, and clears at the end", () => {
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const { writes, stream } = fakeStream();
    const progress = new Progress(stream, true);
    progress.expect(2_000_000);
    for (let i = 0; i < 4096; i++) {
      progress.bytes(250);
      progress.record();
      now += 1; // 4096 records in about 4 s: at most one draw per 200 ms
    }
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.length).toBeLessThanOrEqual(4);
    // eslint-disable-next-line no-control-regex -- the terminal escape is what is tested
    expect(writes.at(-1)).toMatch(/^\r\x1b\[K\d+ records, [\d.]+\/2\.0 MB \(\d+%\), \d+ records\/s$/);
    progress.clear();
    expect(writes.at(-1)).toBe("\r\x1b[K");
  });

  it("writes nothing when disabled (no terminal, or --quiet)", () => {
    const { writes, stream } = fakeStream();
    const progress = new Progress(stream, false);
    for (let i = 0; i < 10_000; i++) progress.record();
    progress.clear();
    expect(writes).toEqual([]);
  });
});

describe("line splitting", () => {
  const split = (chunks: (string | Buffer)[], maxLineBytes = 1 << 20) => {
    const lines: [string, number][] = [];
    const splitter = new LineSplitter(
      (text, line) => lines.push([text, line]),
      (line, reason) => lines.push([`bad: ${reason}`, line]),
      maxLineBytes,
    );
    for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    splitter.end();
    return lines;
  };

  it("handles LF, CRLF, lines across chunks and a last line without newline; a lone CR is no line end", () => {
    expect(split(["a\r\nb", "c\n", "\n", "x\ry\n", "d"])).toEqual([["a", 1], ["bc", 2], ["", 3], ["x\ry", 4], ["d", 5]]);
  });

  it("reports a line of invalid UTF-8 with the column of its first bad byte, and keeps counting", () => {
    expect(split([Buffer.from([0x61, 0x0a, 0x62, 0xc3, 0xa9, 0xff, 0xfe, 0x0a, 0x62, 0x0a])])).toEqual([
      ["a", 1],
      ["bad: not valid UTF-8 (first bad byte at column 4)", 2],
      ["b", 3],
    ]);
  });

  it("keeps a multi-byte character cut between chunks", () => {
    const bytes = Buffer.from("é\n");
    expect(split([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([["é", 1]]);
  });

  it("skips a line over the limit to its end, reports its size, and goes on", () => {
    const limit = "bad: record of 12 bytes is larger than the limit of 10 bytes (--max-record-bytes)";
    expect(split(["ok\n0123456", "78901\nnext\n"], 10)).toEqual([["ok", 1], [limit, 2], ["next", 3]]);
    expect(split(["ok\n012345678901\nnext"], 10)).toEqual([["ok", 1], [limit, 2], ["next", 3]]);
    expect(split(["0123456789", "01"], 10)).toEqual([[limit, 1]]);
  });
});
