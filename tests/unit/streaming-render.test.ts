// The server's streaming render must never corrupt multi-byte text: React's
// Node stream encoder once flushed its whole 2 KiB buffer when a 3-byte
// character did not fit at the end, leaving NUL bytes in the HTML (and a
// browser form echoing them back stored "\u0000李新客"). Fixed in
// patches/react-dom+*.patch; this test fails without the patch.
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

function render(element: React.ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    body.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, {
      onAllReady: () => pipe(body),
      onError: reject,
    });
  });
}

const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
const ascii = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789 "), maxLength: 30 });

describe("server-rendered HTML with Chinese text", () => {
  it("never contains NUL or U+FFFD, and every text arrives whole", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(ascii, cjk), { minLength: 50, maxLength: 150 }), async (rows) => {
        const element = createElement(
          "ul",
          null,
          rows.map(([latin, chinese], i) => createElement("li", { key: i, "data-i": i }, latin, createElement("b", null, chinese))),
        );
        const bytes = await render(element);
        expect(bytes.includes(0)).toBe(false);
        const html = bytes.toString("utf8");
        expect(html).not.toContain("\uFFFD");
        for (const [, chinese] of rows) expect(html).toContain(`<b>${chinese}</b>`);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps 钱多多 and 李新客 whole at every position around the 2 KiB buffer edge", async () => {
    for (const name of ["钱多多", "李新客", "张叁"]) {
      // Small pieces fill the encoder's buffer a few bytes at a time, so the name lands on every offset of its edge.
      for (let pieces = 240; pieces < 300; pieces++) {
        const filler = Array.from({ length: pieces }, (_, i) => createElement("i", { key: i }, "a"));
        const bytes = await render(createElement("p", null, filler, createElement("input", { defaultValue: name })));
        expect(bytes.includes(0)).toBe(false);
        expect(bytes.toString("utf8")).toContain(`value="${name}"`);
      }
    }
  });
});
