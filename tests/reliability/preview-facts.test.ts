// What the provider can know at preview with read-only calls, it checks at preview, with the real CLI: a
// NotificationSubscription for a user whose role may not subscribe, or of another company, and an ApprovalPolicy rule
// naming a company by its trading name (which requests never carry) each stop `pulumi preview` with a message naming
// the field, and nothing is created. Before, the preview passed and `up` failed after the profile was made.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { collect, createStack, REPO_ROOT, type E2eStack } from "../support/pulumi-stack";
import { clientFor } from "../support/simulator-clients";
import { FAST_PROVIDER_ENV, startWorld, type World } from "../support/world";
import { report } from "./reliability-world";

const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/service-provider");
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+/;
const profile = {
  companyName: "Acme Networks",
  contactEmail: "sales@acme.example",
  companyBio: "Preview facts.",
};
const acceptAll = { rules: [], defaultAction: "manual" };
const finance = SEED.users.acmeFinance;
const contact = SEED.users.acmeTechnicalContact;
const INITECH = SEED.companies.initech.uid;

let world: World;
let e2e: E2eStack;

beforeAll(async () => {
  world = await startWorld();
  e2e = await createStack(PROGRAM, {
    stackName: "preview-facts",
    envVars: FAST_PROVIDER_ENV,
    config: world.configFor("acme"),
  });
  await e2e.stack.setConfig("profile", { value: JSON.stringify(profile) });
}, 120_000);

afterAll(async () => {
  await e2e?.cleanup();
  await world?.close();
});

async function previewFailure(policy: object, subscriptions: object[]): Promise<string> {
  await e2e.stack.setConfig("policy", { value: JSON.stringify(policy) });
  await e2e.stack.setConfig("subscriptions", { value: JSON.stringify(subscriptions) });
  const failure = await e2e.stack.preview({ onOutput: collect(e2e) }).then(
    () => new Error("the preview passed"),
    (err: Error) => err,
  );
  expect(failure.message).not.toMatch(STACK_TRACE);
  return failure.message;
}

/** Nothing in the stack, and Acme's profile as the seed left it. */
async function nothingCreated() {
  const deployment = (await e2e.stack.exportStack()).deployment as { resources?: unknown[] };
  expect(deployment.resources ?? []).toEqual([]);
  expect((await world.acme.getMarketplaceProfile()).companyBio).not.toBe(profile.companyBio);
}

it(
  "a subscription for a Finance user, one for another company's user, and a rule naming a trading name stop the preview",
  async () => {
    const role = await previewFailure(acceptAll, [
      { resourceName: "noc", user: contact.email, groups: ["Services"] },
      { resourceName: "finance", user: finance.email, groups: ["Financial"] },
    ]);
    expect(role).toContain("has a problem");
    expect(role).toContain(
      `${finance.email}) has the Finance role, and only Company Admin, Technical Admin or Technical Contact users can subscribe`,
    );
    await nothingCreated();

    const theirs = SEED.users.globexTechnicalContact.email;
    const other = await previewFailure(acceptAll, [
      { resourceName: "theirs", user: theirs, groups: ["Ordering"] },
    ]);
    expect(other).toContain(`no user "${theirs}" in this company`);
    await nothingCreated();

    // Initech (legal name "Initech LLC") trades as "Initech" on a public profile and asks Acme for a connection.
    const initech = clientFor(world.sim, SEED.apiKeys.initechAdmin);
    await initech.setMarketplaceProfile({ profileVisibility: "PUBLIC" });
    await initech.buyVxc([
      {
        productUid: SEED.ports.initechSyd.uid,
        associatedVxcs: [
          {
            productName: "to acme",
            rateLimit: 100,
            term: 1,
            aEnd: { vlan: 0 },
            bEnd: { productUid: SEED.ports.acmeSydRed.uid, vlan: 0 },
          },
        ],
      },
    ]);
    const trading = await previewFailure(
      { rules: [{ name: "partners", match: { companies: ["Initech"] }, action: "accept" }] },
      [],
    );
    expect(trading).toContain("rules[0].match.companies[0]");
    expect(trading).toContain(`the Marketplace trading name of Initech LLC (${INITECH})`);
    await nothingCreated();

    report(
      "preview facts: a Finance user's subscription, another company's user and a rule naming a trading name: 3 of 3 refused at pulumi preview, nothing created",
    );
  },
  4 * 60_000,
);
