import * as net from "node:net";
import type { Simulator } from "../../simulator/server";
import { ApiAs, SEED, type Json } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

describe("bad input gets a 4xx in the real error shape, never a crash", () => {
  let sim: Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    token = await new ApiAs(sim, "globexAdmin").accessToken();
  });
  afterAll(() => sim.close());

  async function send(method: string, path: string, body: string | Buffer, contentType = "application/json") {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
      body,
    });
    return { status: res.status, traceId: res.headers.get("trace-id"), body: (await res.json()) as Json };
  }

  const buy = "/v4/networkdesign/buy";
  const vxcOrder = (vxc: Record<string, unknown>) =>
    JSON.stringify({ networkDesign: [{ productUid: SEED.ports.globexSydRed.uid, associatedVxcs: [vxc] }] });

  it.each([
    [
      "malformed JSON",
      "PUT",
      "/v2/marketplace/profile",
      "{ companyBio: ",
      400,
      /^Malformed JSON in request body/,
    ],
    ["a JSON string instead of an object", "POST", buy, '"buy me a vxc"', 400, /^Validation failed/],
    ["JSON null", "POST", buy, "null", 400, /^Validation failed/],
    ["a bare array where v4 wants { networkDesign }", "POST", buy, "[]", 400, /^Validation failed/],
    [
      "rateLimit as a string",
      "POST",
      buy,
      vxcOrder({ productName: "x", rateLimit: "fast" }),
      400,
      /rateLimit/,
    ],
    [
      "a fractional VLAN",
      "POST",
      buy,
      vxcOrder({ productName: "x", rateLimit: 10, aEnd: { vlan: 1.5 } }),
      400,
      /vlan/,
    ],
    ["a missing productName", "POST", buy, vxcOrder({ rateLimit: 10 }), 400, /productName/],
    ["isApproved as a string", "PUT", "/v2/order/vxc/abc", '{"isApproved":"yes"}', 400, /isApproved/],
    [
      "tags without a key",
      "PUT",
      `/v2/product/${SEED.ports.globexSydRed.uid}/tags`,
      '{"resourceTags":[{"value":"v"}]}',
      400,
      /key/,
    ],
    [
      "an unknown message group",
      "PUT",
      "/v2/notificationPreferences",
      '{"destinations":{"EMAIL":[{"messageGroup":"GOSSIP","subscribed":true}]}}',
      400,
      /messageGroup/,
    ],
    [
      "a bad profile visibility",
      "PUT",
      "/v2/marketplace/profile",
      '{"profileVisibility":"SECRET"}',
      400,
      /profileVisibility/,
    ],
    ["a non-numeric employee id", "GET", "/v2/employee/abc", "", 400, /Invalid employeeId/],
    [
      "an unknown action",
      "POST",
      `/v3/product/${SEED.ports.globexSydRed.uid}/action/EXPLODE`,
      "",
      400,
      /Unknown action/,
    ],
  ])("refuses %s", async (_case, method, path, body, status, message) => {
    const res = await send(method, path, method === "GET" ? (undefined as unknown as string) : body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({
      message: expect.stringMatching(message),
      terms: expect.stringContaining("Acceptable Use"),
    });
    expect(res.body.trace_id).toBe(res.traceId);
  });

  it("refuses a malformed percent-escape in a path with 400", async () => {
    const res = await send("GET", "/v2/product/%E0%A4%A", undefined as unknown as string);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Malformed path segment/);
  });

  it("lists every validation problem in data", async () => {
    const res = await send("POST", buy, vxcOrder({ productName: 5, rateLimit: "x" }));
    expect(res.status).toBe(400);
    expect(res.body.data.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const huge = JSON.stringify({ companyBio: "x".repeat(1024 * 1024 + 10) });
    const res = await send("PUT", "/v2/marketplace/profile", huge);
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/too large/);
  });

  it("refuses a chunked body that grows past 1 MiB", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${sim.url}/v2/marketplace/profile`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("answers unknown endpoints with 404 and wrong methods with 405, both enveloped", async () => {
    const missing = await send("GET", "/v9/nothing", undefined as unknown as string);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("No endpoint GET /v9/nothing");
    const wrong = await send("DELETE", "/v2/products", "");
    expect(wrong.status).toBe(405);
  });

  it("answers garbage on the socket with 400 and keeps serving", async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const url = new URL(sim.url);
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.write("NOT HTTP AT ALL\r\n\r\n"),
      );
      let data = "";
      socket.on("data", (d) => (data += d.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await new ApiAs(sim, "acmeAdmin").get("/v2/products")).status).toBe(200);
  });
});
