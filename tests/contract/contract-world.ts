/**
 * What every contract test file starts from: a simulator on port 0 with "test" timings, a MegaportClient per
 * seeded API key (baseUrl = sim.url, tokenUrl = sim.tokenUrl), raw HTTP as a seeded key (global fetch with a
 * bearer token from the token endpoint), and the /_sim calls that move simulated time. Not a test file.
 *
 * Clients are built with retries off, so a 5xx from the simulator fails the test at once instead of being
 * retried away. Simulated time stands still unless a test advances it (POST /_sim/clock/advance), so no
 * lifecycle step (50 ms apart with "test" timings) can slip in between two calls on a slow machine; wall time,
 * which token expiry and the rate limit follow, runs as usual. Must never: talk to anything but the loopback
 * simulator it started.
 */
import { MegaportClient, type Vxc, type VxcOrderItem } from "../../provider/client";
import { SEED } from "../../simulator/seed";
import { SimulatedClock } from "../../simulator/clock";
import { startTestSimulator, type Simulator } from "../support/simulator";

export { SEED };

export type KeyName = keyof typeof SEED.apiKeys;

/** A parsed JSON body; contract tests inspect raw bodies field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed body, or undefined for an empty one. */
  body: Json;
}

export interface RawRequest {
  method?: string;
  body?: unknown;
  /** A body sent as is (for malformed JSON), instead of `body`. */
  text?: string;
  /** false: send no Authorization header; a string: send it as the bearer token. */
  token?: false | string;
}

/** A simulator and the seeded companies' ways in. */
export class ContractWorld {
  private readonly clients = new Map<KeyName, MegaportClient>();
  private readonly tokens = new Map<KeyName, string>();

  private constructor(readonly sim: Simulator) {}

  static async start(): Promise<ContractWorld> {
    // faults: {} keeps Megaport's rate limit on, as the real API has it: the contract is checked with it in force.
    return new ContractWorld(await startTestSimulator({ clock: new ManualClock(), faults: {} }));
  }

  /** The client for a seeded API key (one per key, reused across tests). */
  client(key: KeyName): MegaportClient {
    let client = this.clients.get(key);
    if (!client) {
      const { accessKey, secretKey } = SEED.apiKeys[key];
      client = new MegaportClient({
        accessKey,
        secretKey,
        baseUrl: this.sim.url,
        tokenUrl: this.sim.tokenUrl,
        retry: { maxRetries: 0 },
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** POST tokenUrl?grant_type=client_credentials with Basic auth, as megaportgo sends it. */
  async tokenResponse(key: KeyName): Promise<RawResponse> {
    const { accessKey, secretKey } = SEED.apiKeys[key];
    const res = await fetch(`${this.sim.tokenUrl}?grant_type=client_credentials`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${accessKey}:${secretKey}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
    });
    return { status: res.status, headers: res.headers, body: await readJson(res) };
  }

  async token(key: KeyName): Promise<string> {
    let token = this.tokens.get(key);
    if (!token) {
      const res = await this.tokenResponse(key);
      if (res.status !== 200) throw new Error(`token for ${key}: HTTP ${res.status}`);
      token = res.body.access_token as string;
      this.tokens.set(key, token);
    }
    return token;
  }

  /** One API call with global fetch as `key` (or without a token, or with a given one). */
  async raw(key: KeyName, path: string, request: RawRequest = {}): Promise<RawResponse> {
    const token = request.token === undefined ? await this.token(key) : request.token;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (token !== false) headers.Authorization = `Bearer ${token}`;
    const text = request.text ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    if (text !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${this.sim.url}${path}`, {
      method: request.method ?? "GET",
      headers,
      body: text,
    });
    return { status: res.status, headers: res.headers, body: await readJson(res) };
  }

  /** POST /_sim/clock/advance: move simulated time and run every transition that fell due. */
  async advanceClock(ms: number): Promise<void> {
    const res = await fetch(`${this.sim.url}/_sim/clock/advance`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ms }),
    });
    if (res.status !== 200) throw new Error(`/_sim/clock/advance: HTTP ${res.status}`);
  }

  /** Orders one VXC as `key` and returns its UID. */
  async order(key: KeyName, order: OrderSpec): Promise<string> {
    const [uid] = await this.client(key).buyVxc(vxcOrder(order));
    return uid;
  }

  /** A VXC from Globex to an Acme port, accepted by Acme and walked to LIVE. */
  async liveGlobexToAcme(order: Omit<OrderSpec, "from" | "to"> & { to?: string } = {}): Promise<Vxc> {
    const uid = await this.order("globexAdmin", {
      from: SEED.ports.globexSydRed.uid,
      to: SEED.ports.acmeSydRed.uid,
      ...order,
    });
    await this.client("acmeAdmin").updateVxc(uid, { isApproved: true });
    await this.advanceClock(1000);
    const vxc = await this.client("globexAdmin").getVxc(uid);
    if (vxc.provisioningStatus !== "LIVE") throw new Error(`${uid} is ${vxc.provisioningStatus}, not LIVE`);
    return vxc;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    await this.sim.close();
  }
}

/** Simulated time that moves only when advanced; wall time is real. */
class ManualClock extends SimulatedClock {
  private readonly start = Date.now();

  override now(): number {
    return this.start + this.offsetMs();
  }
}

export interface OrderSpec {
  /** A-end port UID (the caller's). */
  from: string;
  /** B-end port UID; leave out when ordering with a service key. */
  to?: string;
  name?: string;
  rateLimit?: number;
  aVlan?: number;
  bVlan?: number;
  costCentre?: string;
  serviceKey?: string;
}

/** One order item for one VXC, in the client's VxcOrderItem shape. */
export function vxcOrder(o: OrderSpec): VxcOrderItem[] {
  return [
    {
      productUid: o.from,
      associatedVxcs: [
        {
          productName: o.name ?? "contract vxc",
          rateLimit: o.rateLimit ?? 100,
          term: 1,
          costCentre: o.costCentre,
          serviceKey: o.serviceKey,
          aEnd: o.aVlan === undefined ? {} : { vlan: o.aVlan },
          bEnd: {
            ...(o.to === undefined ? {} : { productUid: o.to }),
            ...(o.bVlan === undefined ? {} : { vlan: o.bVlan }),
          },
        },
      ],
    },
  ];
}

/** The body a raw POST /v4/networkdesign/buy sends for `o`. */
export function buyBody(o: OrderSpec): { networkDesign: VxcOrderItem[]; discountCodes: string[] } {
  return { networkDesign: vxcOrder(o), discountCodes: [] };
}

async function readJson(res: Response): Promise<Json> {
  const text = await res.text();
  return text === "" ? undefined : JSON.parse(text);
}

/** Runs `act` and returns what it threw, failing the test if it did not throw. */
export async function thrownBy(act: () => Promise<unknown>): Promise<unknown> {
  try {
    await act();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}
