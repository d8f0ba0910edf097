// The one CSV writer (app/domain/csv.server.ts): read back with csv-parse as
// a spreadsheet would — BOM, CRLF, RFC 4180 quoting, formulas neutralised in
// text but not in the numbers the module is given, file names for downloads.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvDocument, csvResponse, csvStream, type CsvRow } from "~/domain/csv.server";

const readBack = (text: string): string[][] => parse(text, { bom: true, record_delimiter: "\r\n", relax_column_count: true });

describe("csvDocument", () => {
  it("starts with a UTF-8 BOM and ends every line with CRLF", () => {
    const csv = csvDocument([
      ["name", "nights"],
      ["李新客", 3],
    ]);
    expect(csv).toBe("\uFEFFname,nights\r\n李新客,3\r\n");
    expect([...Buffer.from(csv, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("keeps Chinese names, emoji, commas, quotes and line breaks through a round trip", () => {
    const cells = ["李新客", "钱多多", "张叁", "𠮷野家 🌸", 'Flat 3, "Plum Garden"', "line one\r\nline two\nline three", "a\tb", ""];
    const rows = readBack(csvDocument([cells]));
    expect(rows).toEqual([cells]);
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    const dangerous = ['=HYPERLINK("http://evil")', "+1-2", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "＝1+1", "＋1", "－1", "＠x"];
    const [row] = readBack(csvDocument([dangerous]));
    expect(row).toEqual(dangerous.map((cell) => `'${cell}`));
    // Quoting still applies around the apostrophe.
    expect(csvDocument([['=HYPERLINK("x")']])).toBe(`\uFEFF"'=HYPERLINK(""x"")"\r\n`);
    // Safe text and text with a formula character later on are left alone.
    expect(readBack(csvDocument([["a=b", "1+1", "e-mail", "G00000012"]]))).toEqual([["a=b", "1+1", "e-mail", "G00000012"]]);
  });

  it("writes numbers as numbers: a negative figure stays negative", () => {
    const [row] = readBack(csvDocument([[-12, -0.5, 0, 1280.5, "-12"]]));
    expect(row).toEqual(["-12", "-0.5", "0", "1280.5", "'-12"]);
  });

  it("writes empty cells for null and undefined", () => {
    expect(csvDocument([["a", null, undefined, ""]])).toBe("\uFEFFa,,,\r\n");
  });
});

describe("csvStream", () => {
  async function* batches(): AsyncGenerator<CsvRow[]> {
    yield [["李新客", -3]];
    yield [
      ["=1+1", 2],
      ["x,y", 0],
    ];
  }

  it("sends the BOM and the header once, then every batch", async () => {
    const text = await new Response(csvStream(["name", "n"], batches())).text();
    // Response.text() drops a leading BOM when it decodes, so read the bytes.
    const bytes = new Uint8Array(await new Response(csvStream(["name", "n"], batches())).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).match(/\uFEFF/g)).toHaveLength(1);
    expect(readBack(text)).toEqual([
      ["name", "n"],
      ["李新客", "-3"],
      ["'=1+1", "2"],
      ["x,y", "0"],
    ]);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("stops reading when the download is cancelled", async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<CsvRow[]> {
      try {
        for (let i = 0; ; i++) yield [[i]];
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(["n"], endless()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });
});

describe("the download", () => {
  it("is text/csv in UTF-8, an attachment, never cached", () => {
    const response = csvResponse(csvDocument([["a"]]), "retention-preview-2026-11-27.csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="retention-preview-2026-11-27.csv"; filename*=UTF-8''retention-preview-2026-11-27.csv`,
    );
  });

  it("names a file in Chinese with an ASCII fallback and RFC 5987 filename*", () => {
    const disposition = attachmentDisposition("guest-G00000012-李新客.csv");
    expect(disposition).toBe(
      `attachment; filename="guest-G00000012-_.csv"; filename*=UTF-8''guest-G00000012-%E6%9D%8E%E6%96%B0%E5%AE%A2.csv`,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("guest-G00000012-李新客.csv");
    expect(attachmentDisposition("Zoë O'Hara (VIP).json")).toBe(
      `attachment; filename="Zoe O'Hara (VIP).json"; filename*=UTF-8''Zo%C3%AB%20O%27Hara%20%28VIP%29.json`,
    );
    // No quotes, slashes or other characters a file system or the header cannot take.
    expect(attachmentDisposition('a/b\\c"d.csv')).toBe(`attachment; filename="a_b_c_d.csv"; filename*=UTF-8''a_b_c_d.csv`);
  });
});
