import { request } from "node:http";
import { InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { callApi, useEmulator } from "./test-support.js";

const USER = 100001;
const t = useEmulator({ rateLimits: false });

async function download(filePath: string | undefined): Promise<Response> {
  return fetch(`${t.emulator.apiRoot}/file/bot${t.emulator.token}/${filePath}`);
}

describe("files", () => {
  it("round-trips an uploaded photo through getFile and the download URL", async () => {
    await t.emulator.sendText({ text: "hi" });
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const sent = await t.bot.api.sendPhoto(USER, new InputFile(bytes, "shot.jpg"), {
      caption: "<i>look</i>",
      parse_mode: "HTML",
    });
    expect(sent).toMatchObject({
      caption: "look",
      caption_entities: [{ type: "italic", offset: 0, length: 4 }],
    });
    const file = await t.bot.api.getFile(sent.photo.at(-1)?.file_id ?? "");
    const response = await download(file.file_path);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it("reads a standard multipart form with reply_markup as a JSON string", async () => {
    await t.emulator.sendText({ text: "hi" });
    const form = new FormData();
    form.set("chat_id", String(USER));
    form.set(
      "reply_markup",
      JSON.stringify({ inline_keyboard: [[{ text: "Open", url: "https://example.com" }]] }),
    );
    form.set("document", new Blob([Buffer.from("a,b\n1,2\n")]), "report.csv");
    const response = await fetch(`${t.emulator.apiRoot}/bot${t.emulator.token}/sendDocument`, {
      method: "POST",
      body: form,
    });
    expect(await response.json()).toMatchObject({
      ok: true,
      result: {
        document: { file_name: "report.csv", mime_type: "text/csv", file_size: 8 },
        reply_markup: { inline_keyboard: [[{ text: "Open", url: "https://example.com" }]] },
      },
    });
  });

  it("keeps an uploaded document's name and type", async () => {
    await t.emulator.sendText({ text: "hi" });
    const sent = await t.bot.api.sendDocument(USER, new InputFile(Buffer.from("%PDF-1.7"), "invoice.pdf"));
    expect(sent.document).toMatchObject({
      file_name: "invoice.pdf",
      mime_type: "application/pdf",
      file_size: 8,
    });
  });

  it("lets the bot download what a user sent", async () => {
    const update = await t.emulator.sendDocument({
      fileName: "log.txt",
      bytes: Buffer.from("line 1\n"),
      caption: "my log",
    });
    const file = await t.bot.api.getFile(update.message?.document?.file_id ?? "");
    expect(await (await download(file.file_path)).text()).toBe("line 1\n");
  });

  it("refuses getFile above 20 MB", async () => {
    const update = await t.emulator.sendDocument({ fileName: "big.zip", fileSize: 20 * 1024 * 1024 + 1 });
    await expect(t.bot.api.getFile(update.message?.document?.file_id ?? "")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: file is too big",
    });
  });

  it("answers an upload above 50 MB with 413 without waiting for the body", async () => {
    const url = new URL(`${t.emulator.apiRoot}/bot${t.emulator.token}/sendDocument`);
    const headers = {
      "content-type": "multipart/form-data; boundary=b",
      "content-length": String(51 * 1024 * 1024),
    };
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: "POST", headers }, async (res) => {
        let body = "";
        for await (const chunk of res) body += chunk;
        resolve({ status: res.statusCode, body });
        req.destroy();
      });
      req.on("error", reject);
      req.write("--b\r\n");
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      error_code: 413,
      description: "Request Entity Too Large",
    });
  });

  it("reuses a file_id of the same kind and refuses one of another kind", async () => {
    await t.emulator.sendText({ text: "hi" });
    const photo = await t.bot.api.sendPhoto(USER, new InputFile(Buffer.from("img"), "a.jpg"));
    const photoId = photo.photo.at(-1)?.file_id ?? "";
    await expect(t.bot.api.sendPhoto(USER, photoId)).resolves.toBeDefined();
    await expect(t.bot.api.sendDocument(USER, photoId)).rejects.toMatchObject({
      description: "Bad Request: can't use file of type Photo as Document",
    });
  });

  it("refuses a send without the file", async () => {
    await t.emulator.sendText({ text: "hi" });
    const { body } = await callApi(t.emulator, "sendPhoto", { chat_id: USER });
    expect(body.description).toBe("Bad Request: there is no photo in the request");
  });

  it("refuses a caption over 1024 characters", async () => {
    await t.emulator.sendText({ text: "hi" });
    await expect(
      t.bot.api.sendVoice(USER, new InputFile(Buffer.from("ogg"), "v.ogg"), { caption: "x".repeat(1025) }),
    ).rejects.toMatchObject({ description: "Bad Request: message caption is too long" });
  });

  it("answers an unknown download path with 404", async () => {
    expect((await download("documents/nope.pdf")).status).toBe(404);
  });
});
