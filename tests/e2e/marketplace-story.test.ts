// The Marketplace guide's whole story with the real Pulumi engine: the provider publishes its profile, approval
// policy and staff subscriptions; the customer orders two VXCs; the policy accepts one, a person the other; both go
// LIVE; the right people get the right emails; a speed increase is accepted by policy, another rejected by a person;
// a request over the policy's limit is denied with its reason; everything is destroyed.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV, startWorld, waitForPendingRequest, World } from "../support/world";
import { backendText, collect, createStack, E2eStack, REPO_ROOT } from "../support/pulumi-stack";

const PROVIDER_PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/service-provider");
const CUSTOMER_PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/customer");

interface OutboxEmail {
  event: string;
  group: string;
  to: string;
  subject: string;
  text: string;
  productUid: string;
}

let world: World;
let provider: E2eStack;
let customer: E2eStack;

const profile = {
  companyName: "Acme Networks",
  companyBio: "Low-latency transit and cloud on-ramps across Australia.",
  contactEmail: "sales@acme.example",
  website: "https://acme.example",
  visibility: "public",
  services: ["IP Transit", "Cloud Connect"],
  listedPorts: [SEED.ports.acmeSydRed.uid, SEED.ports.acmeSydBlue.uid],
};

const policy = {
  rules: [
    {
      name: "globex-red-up-to-1g",
      match: {
        companies: ["Globex Corporation"],
        ports: [SEED.ports.acmeSydRed.uid],
        rateLimit: { max: 1000 },
      },
      action: "accept",
    },
    {
      name: "nothing-over-1g",
      match: { rateLimit: { min: 1001 } },
      action: "deny",
      reason: "Connections over 1 Gbps need a contract: call sales@acme.example",
    },
  ],
  defaultAction: "manual",
};

const subscriptions = [
  {
    resourceName: "ops-requests",
    user: SEED.users.acmeTechnicalContact.email,
    groups: ["Ordering", "Services"],
  },
];

function vxc(resourceName: string, name: string, port: string, rateLimit: number, vlan: number) {
  return {
    resourceName,
    name,
    rateLimit,
    aEnd: {
      productUid: resourceName === "blue" ? SEED.ports.globexSydBlue.uid : SEED.ports.globexSydRed.uid,
    },
    bEnd: { productUid: port, vlan },
  };
}

const red = (rate = 200) => vxc("red", "Story red", SEED.ports.acmeSydRed.uid, rate, 401);
const blue = (rate = 200) => vxc("blue", "Story blue", SEED.ports.acmeSydBlue.uid, rate, 402);

async function outbox(): Promise<OutboxEmail[]> {
  const response = await fetch(`${world.sim.url}/_sim/outbox`);
  const body = (await response.json()) as { data: OutboxEmail[] };
  return body.data;
}

async function settleByPolicy() {
  return provider.stack.up({ refresh: true, onOutput: collect(provider) });
}

beforeAll(async () => {
  world = await startWorld();
  provider = await createStack(PROVIDER_PROGRAM, {
    stackName: "acme",
    envVars: FAST_PROVIDER_ENV,
    config: world.configFor("acme"),
  });
  await provider.stack.setConfig("profile", { value: JSON.stringify(profile) });
  await provider.stack.setConfig("policy", { value: JSON.stringify(policy) });
  await provider.stack.setConfig("subscriptions", { value: JSON.stringify(subscriptions) });
  customer = await createStack(CUSTOMER_PROGRAM, {
    stackName: "globex",
    envVars: FAST_PROVIDER_ENV,
    config: world.configFor("globex"),
  });
}, 120_000);

afterAll(async () => {
  await customer?.stack.destroy({ onOutput: collect(customer) }).catch(() => undefined);
  await provider?.stack.destroy({ onOutput: collect(provider) }).catch(() => undefined);
  await customer?.cleanup();
  await provider?.cleanup();
  await world?.close();
});

describe("the Marketplace story, provider and customer each with pulumi up", () => {
  it("the provider publishes its profile, policy and subscriptions", async () => {
    const up = await provider.stack.up({ onOutput: collect(provider) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs["ops-requests"].value).toEqual(["ORDERING", "SERVICES"]);
    const listed = (await world.globex.listPartnerPorts()).filter((p) => p.companyName === "Acme Networks");
    expect(listed.map((p) => p.productUid)).toEqual(expect.arrayContaining(profile.listedPorts));
    const published = await world.acme.getMarketplaceProfile();
    expect(published.companyBio).toBe(profile.companyBio);
  }, 120_000);

  it("orders two VXCs: the policy accepts the red one, a person the blue one, and both go LIVE", async () => {
    await customer.stack.setConfig("vxcs", { value: JSON.stringify([red(), blue()]) });
    const ordering = customer.stack.up({ onOutput: collect(customer) });
    const redRequest = await waitForPendingRequest(world.acme, (v) => v.productName === "Story red");
    const blueRequest = await waitForPendingRequest(world.acme, (v) => v.productName === "Story blue");

    const settled = await settleByPolicy();
    expect(settled.outputs.lastSettlement.value.vxcUids.accepted).toEqual([redRequest.productUid]);
    expect(settled.outputs.lastSettlement.value.vxcUids.manual).toEqual([blueRequest.productUid]);
    expect(settled.outputs.pendingRequests.value).toBe(1);

    // The person: Accept Request for the blue one (the portal does the same call; tests/browser clicks it).
    await world.acme.updateVxc(blueRequest.productUid, { isApproved: true });
    const ordered = await ordering;
    expect(ordered.outputs.red.value.provisioningStatus).toBe("LIVE");
    expect(ordered.outputs.blue.value.provisioningStatus).toBe("LIVE");
    expect(customer.output.join("\n")).toMatch(/waiting for Acme Networks to accept the connection request/);
  }, 300_000);

  it("emails the right people: Acme's subscribed staff get the requests, Globex's the outcome and the VXC up", async () => {
    const emails = await outbox();
    const to = (address: string, event: string) =>
      emails.filter((e) => e.to === address && e.event === event);
    const acmeOps = SEED.users.acmeTechnicalContact.email;
    const globexAdmin = SEED.users.globexCompanyAdmin.email;
    expect(to(acmeOps, "CONNECTION_REQUEST")).toHaveLength(2);
    expect(to(globexAdmin, "CONNECTION_REQUEST_SUBMITTED")).toHaveLength(2);
    expect(to(globexAdmin, "CONNECTION_REQUEST_ACCEPTED")).toHaveLength(2);
    expect(to(globexAdmin, "VXC_LIVE")).toHaveLength(2);
    // Roles that may not subscribe get nothing, and nothing goes to the wrong company.
    for (const user of [SEED.users.acmeFinance, SEED.users.acmeReadOnly, SEED.users.globexFinance]) {
      expect(emails.filter((e) => e.to === user.email)).toHaveLength(0);
    }
    expect(emails.filter((e) => e.to.endsWith("@initech.example"))).toHaveLength(0);
  });

  it("a speed increase within the policy is accepted by it; one the provider refuses fails with the reason", async () => {
    await customer.stack.setConfig("vxcs", { value: JSON.stringify([red(800), blue(600)]) });
    const raising = customer.stack.up({ onOutput: collect(customer) }).then(
      () => new Error("the up succeeded"),
      (error: Error) => error,
    );
    const redChange = await waitForPendingRequest(world.acme, (v) => v.productName === "Story red");
    const blueChange = await waitForPendingRequest(world.acme, (v) => v.productName === "Story blue");
    expect(redChange.vxcApproval?.type).toBe("SPEED_CHANGE");
    expect(redChange.vxcApproval?.newSpeed).toBe(800);

    await settleByPolicy();
    await world.acme.updateVxc(blueChange.productUid, {
      isApproved: false,
      reason: "Blue is our backup path",
    });
    expect((await raising).message).toMatch(
      /denied the speed change for VXC .*Blue is our backup path.*The VXC stays at \d+ Mbps/s,
    );
    expect((await world.globex.getVxc(redChange.productUid)).rateLimit).toBe(800);
    expect((await world.globex.getVxc(blueChange.productUid)).rateLimit).toBe(200);

    const speedEmails = (await outbox()).filter((e) => e.event.startsWith("SPEED_CHANGE"));
    expect(speedEmails.some((e) => e.to === SEED.users.acmeTechnicalContact.email)).toBe(true);
  }, 300_000);

  it("a request over the policy's limit is denied by it, and the customer sees the reason", async () => {
    const big = vxc("big", "Story too big", SEED.ports.acmeSydRed.uid, 5000, 403);
    await customer.stack.setConfig("vxcs", { value: JSON.stringify([red(800), blue(200), big]) });
    // The up fails as soon as the policy answers, perhaps before we ask about it: catch its outcome now.
    const ordering = customer.stack.up({ onOutput: collect(customer) }).then(
      () => new Error("the up succeeded"),
      (error: Error) => error,
    );
    await waitForPendingRequest(world.acme, (v) => v.productName === "Story too big");
    await settleByPolicy();
    expect((await ordering).message).toMatch(
      /denied the connection request for VXC "[^"]+" \([0-9a-f-]+\): "Connections over 1 Gbps need a contract/,
    );
  }, 300_000);

  it("destroys both stacks, leaving no VXC behind and no secret in state or output", async () => {
    await customer.stack.setConfig("vxcs", { value: JSON.stringify([red(800), blue(200)]) });
    await customer.stack.destroy({ onOutput: collect(customer) });
    await provider.stack.destroy({ onOutput: collect(provider) });
    const left = (await world.globex.listProducts())
      .flatMap((p) => p.associatedVxcs ?? [])
      .filter((v) => v.productName?.startsWith("Story") && v.provisioningStatus !== "DECOMMISSIONED");
    expect(left.filter((v) => v.provisioningStatus !== "FAILED")).toHaveLength(0);

    for (const stack of [provider, customer]) {
      const haystack = stack.output.join("\n") + backendText(stack);
      for (const secret of world.secrets()) expect(haystack.includes(secret)).toBe(false);
      expect(haystack).not.toMatch(/Bearer\s+[A-Za-z0-9._-]{10,}/);
    }
  }, 300_000);
});
