// DNS rebinding: a web page whose own name is re-pointed at 127.0.0.1 makes the browser send requests to the
// simulator with that name in Host. The portal and /_sim answer only localhost, 127.0.0.1, [::1] and the host the
// simulator serves on, and refuse any other name with 421 Misdirected Request (the server will not answer for that
// name; the same request to 127.0.0.1 is answered, so nothing about the caller is refused, which a 403 would say).
// The API answers any Host: it needs a bearer token.
import * as http from "node:http";
import type { Simulator } from "../../simulator/server";
import { startTestSimulator } from "../support/simulator";

/** One request with the Host header as given (fetch would write its own). */
function send(sim: Simulator, method: string, path: string, host: string, body?: string) {
  const { hostname, port } = new URL(sim.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port: Number(port),
        method,
        path,
        headers: {
          Host: host,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the portal and /_sim answer only local host names", () => {
  let sim: Simulator;
  let port: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    port = new URL(sim.url).port;
  });
  afterAll(() => sim.close());

  const foreign = () => [
    `attacker.example:${port}`,
    "attacker.example",
    `127.0.0.1.attacker.example:${port}`,
  ];

  it.each([
    ["GET", "/_sim/requests"],
    ["PUT", "/_sim/faults"],
    ["POST", "/_sim/clock/advance"],
    ["GET", "/portal"],
    ["POST", "/portal/login"],
  ])("%s %s with a foreign Host is refused with 421, naming the names it answers", async (method, path) => {
    for (const host of foreign()) {
      const res = await send(sim, method, path, host, method === "GET" ? undefined : "{}");
      expect({ host, status: res.status }).toEqual({ host, status: 421 });
      expect(res.body).toContain("localhost, 127.0.0.1, [::1]");
    }
  });

  it("a refused PUT /_sim/faults changes nothing", async () => {
    const rules = { rules: [{ kind: "status", status: 500, path: "/v2/products" }] };
    await send(sim, "PUT", "/_sim/faults", "attacker.example", JSON.stringify(rules));
    const faults = JSON.parse((await send(sim, "GET", "/_sim/faults", `127.0.0.1:${port}`)).body);
    expect(faults.data.rules).toEqual([]);
  });

  it.each(["localhost", "127.0.0.1", "[::1]", "LocalHost"])(
    "Host %s (with and without the port) is answered",
    async (name) => {
      for (const host of [`${name}:${port}`, name]) {
        expect((await send(sim, "GET", "/_sim/requests", host)).status).toBe(200);
        expect((await send(sim, "GET", "/portal", host)).status).toBe(200);
      }
    },
  );

  it("the API answers any Host: without a bearer token it is 401 whatever the name", async () => {
    const res = await send(sim, "GET", "/v3/order_approvals", `attacker.example:${port}`);
    expect(res.status).toBe(401);
  });
});

describe("a simulator told to serve on another address", () => {
  it("answers the portal for that name too, and still no other", async () => {
    // 127.0.0.2 is loopback on Linux too, but not one of the names the simulator always answers.
    const sim = await startTestSimulator({ host: "127.0.0.2" });
    try {
      const { port } = new URL(sim.url);
      expect((await send(sim, "GET", "/portal", `127.0.0.2:${port}`)).status).toBe(200);
      expect((await send(sim, "GET", "/portal", `attacker.example:${port}`)).status).toBe(421);
    } finally {
      await sim.close();
    }
  });
});
