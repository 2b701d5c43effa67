/**
 * Raw HTTP to a simulator, for the suites that check the wire itself (tests/simulator, tests/browser): a seeded API
 * key's view of the API with global fetch, VXC orders, the /_sim admin calls, and waiting for a VXC's status. Start
 * the simulator with tests/support/simulator.ts. Not a test file itself.
 */
import { SEED } from "../../simulator/seed";
import type { Simulator } from "../../simulator/server";
import { eventually } from "./eventually";

/** Parsed JSON bodies: the tests assert on them field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export type KeyName = keyof typeof SEED.apiKeys;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export function basicAuth(accessKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${accessKey}:${secretKey}`).toString("base64")}`;
}

/** A seeded API key's view of the API: fetches a token once and sends it on every call. */
export class ApiAs {
  private token: string | undefined;

  constructor(
    private readonly sim: Pick<Simulator, "url" | "tokenUrl">,
    readonly keyName: KeyName,
  ) {}

  async accessToken(): Promise<string> {
    if (!this.token) {
      const key = SEED.apiKeys[this.keyName];
      const res = await fetch(`${this.sim.tokenUrl}?grant_type=client_credentials`, {
        method: "POST",
        headers: { Authorization: basicAuth(key.accessKey, key.secretKey) },
      });
      if (res.status !== 200) throw new Error(`token for ${this.keyName}: ${res.status}`);
      this.token = ((await res.json()) as { access_token: string }).access_token;
    }
    return this.token;
  }

  async call<T = Json>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.sim.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.accessToken()}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  get<T = Json>(path: string) {
    return this.call<T>("GET", path);
  }
  put<T = Json>(path: string, body: unknown) {
    return this.call<T>("PUT", path, body);
  }
  post<T = Json>(path: string, body?: unknown) {
    return this.call<T>("POST", path, body);
  }
}

export interface OrderOptions {
  from: string;
  to?: string;
  name?: string;
  rateLimit?: number;
  aVlan?: number;
  bVlan?: number;
  term?: number;
  serviceKey?: string;
}

/** POST /v4/networkdesign/buy for one VXC. */
export function orderVxc(api: ApiAs, o: OrderOptions) {
  return api.post("/v4/networkdesign/buy", {
    networkDesign: [
      {
        productUid: o.from,
        associatedVxcs: [
          {
            productName: o.name ?? "test vxc",
            rateLimit: o.rateLimit ?? 100,
            term: o.term ?? 1,
            aEnd: { vlan: o.aVlan ?? 0 },
            bEnd:
              o.to === undefined && o.bVlan === undefined
                ? undefined
                : { productUid: o.to, vlan: o.bVlan ?? 0 },
            serviceKey: o.serviceKey,
          },
        ],
      },
    ],
  });
}

/** Order and return the new VXC's UID, failing loudly if the order was refused. */
export async function orderVxcUid(api: ApiAs, o: OrderOptions): Promise<string> {
  const res = await orderVxc(api, o);
  if (res.status !== 200) throw new Error(`order failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data[0].vxcJTechnicalServiceUid as string;
}

export async function getVxc(api: ApiAs, uid: string) {
  const res = await api.get(`/v2/product/${uid}`);
  if (res.status !== 200) throw new Error(`get ${uid} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

export async function waitForStatus(api: ApiAs, uid: string, status: string, timeoutMs = 5000) {
  return eventually(
    async () => {
      const vxc = await getVxc(api, uid);
      return vxc.provisioningStatus === status ? vxc : undefined;
    },
    timeoutMs,
    `${uid} to be ${status}`,
    { intervalMs: 20 },
  );
}

export async function simPost(sim: Simulator, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function simPut(sim: Simulator, path: string, body: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export { SEED };
