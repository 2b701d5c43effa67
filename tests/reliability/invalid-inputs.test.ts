// What a user could type wrong, across the four resources: every input gets a message that names the field and says
// how to fix it, in words a person reads (no zod jargon, no "value {<nil>}", no stack trace, never the service key).
// The table runs each resource's `check` (what the engine calls at preview) and renders the failure the way the
// engine prints it; a sample of rows also goes through `pulumi preview` with the real CLI, since the engine stops at
// the first invalid resource of a program and one preview per row would take minutes.
import * as path from "node:path";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV } from "../support/world";
import { collect, createStack, REPO_ROOT } from "../support/pulumi-stack";
import { CHECKS, type Kind, profile, rule, subscription, UID, vxc } from "./check-table";
import { report } from "./reliability-world";

const SERVICE_KEY = "5ec2e7a1-bead-4bad-9ead-c0ffee00beef";
const aEnd = (change: Record<string, unknown>) =>
  vxc({ aEnd: { productUid: SEED.ports.globexSydRed.uid, ...change } });
const bEnd = (b: Record<string, unknown>) => vxc({ bEnd: b });
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

/** [kind, what is wrong, inputs, the field the message must name]. */
const ROWS: [Kind, string, Record<string, unknown>, string][] = [
  ["VxcConnection", "an empty name", vxc({ name: "" }), "name"],
  ["VxcConnection", "a name of 65 characters", vxc({ name: "n".repeat(65) }), "name"],
  ["VxcConnection", "a number for a name", vxc({ name: 5 }), "name"],
  ["VxcConnection", "no name", without(vxc(), "name"), "name"],
  ["VxcConnection", "no rate limit", without(vxc(), "rateLimit"), "rateLimit"],
  ["VxcConnection", "a negative rate limit", vxc({ rateLimit: -1 }), "rateLimit"],
  ["VxcConnection", "a zero rate limit", vxc({ rateLimit: 0 }), "rateLimit"],
  ["VxcConnection", "a fractional rate limit", vxc({ rateLimit: 1.5 }), "rateLimit"],
  ["VxcConnection", "a rate limit as a string", vxc({ rateLimit: "100" }), "rateLimit"],
  ["VxcConnection", "a rate limit above any port", vxc({ rateLimit: 200_000 }), "rateLimit"],
  ["VxcConnection", "no A-end", without(vxc(), "aEnd"), "aEnd"],
  ["VxcConnection", "an A-end that is not a UID", aEnd({ productUid: "my-port" }), "aEnd.productUid"],
  ["VxcConnection", "an A-end without its UID", vxc({ aEnd: { vlan: 100 } }), "aEnd.productUid"],
  ["VxcConnection", "A-end VLAN 1 (reserved)", aEnd({ vlan: 1 }), "aEnd.vlan"],
  ["VxcConnection", "A-end VLAN 4094", aEnd({ vlan: 4094 }), "aEnd.vlan"],
  ["VxcConnection", "A-end VLAN -2", aEnd({ vlan: -2 }), "aEnd.vlan"],
  ["VxcConnection", "a fractional A-end VLAN", aEnd({ vlan: 2.5 }), "aEnd.vlan"],
  ["VxcConnection", "a misspelt A-end key", aEnd({ vlanId: 100 }), "aEnd.vlanId"],
  ["VxcConnection", "no B-end and no service key", without(vxc(), "bEnd"), "bEnd"],
  ["VxcConnection", "a B-end that is not a UID", bEnd({ productUid: "acme-port" }), "bEnd.productUid"],
  [
    "VxcConnection",
    "both a B-end UID and a provider name",
    bEnd({ productUid: UID, providerName: "Acme Networks" }),
    "bEnd",
  ],
  [
    "VxcConnection",
    "a location without a provider name",
    bEnd({ productUid: UID, location: 3 }),
    "bEnd.providerName",
  ],
  [
    "VxcConnection",
    "sameDiversityZone as a word",
    bEnd({ providerName: "Acme Networks", sameDiversityZone: "yes" }),
    "bEnd.sameDiversityZone",
  ],
  [
    "VxcConnection",
    "a provider company UID that is not a UID",
    bEnd({ providerName: "Acme Networks", providerCompanyUid: "acme" }),
    "bEnd.providerCompanyUid",
  ],
  ["VxcConnection", "an empty provider name", bEnd({ providerName: "" }), "bEnd.providerName"],
  ["VxcConnection", "a misspelt B-end key", bEnd({ productUid: UID, zone: "red" }), "bEnd.zone"],
  ["VxcConnection", "B-end VLAN 5000", bEnd({ productUid: UID, vlan: 5000 }), "bEnd.vlan"],
  [
    "VxcConnection",
    "a service key that is not one",
    vxc({ bEnd: undefined, serviceKey: "abc" }),
    "serviceKey",
  ],
  ["VxcConnection", "a service key and a B-end UID", vxc({ serviceKey: SERVICE_KEY }), "bEnd"],
  ["VxcConnection", "a term of 7 months", vxc({ term: 7 }), "term"],
  ["VxcConnection", "a term as a string", vxc({ term: "12" }), "term"],
  ["VxcConnection", "a cost centre of 256 characters", vxc({ costCentre: "c".repeat(256) }), "costCentre"],
  ["VxcConnection", "readyWhen UP", vxc({ readyWhen: "UP" }), "readyWhen"],
  ["VxcConnection", "an adoptUid that is not a UID", vxc({ adoptUid: "vxc-1" }), "adoptUid"],
  ["VxcConnection", "a misspelt top-level key", vxc({ rate: 100 }), "rate"],
  ["MarketplaceProfile", "no company name", without(profile(), "companyName"), "companyName"],
  ["MarketplaceProfile", "an empty company name", profile({ companyName: " " }), "companyName"],
  [
    "MarketplaceProfile",
    "a company name of 129 characters",
    profile({ companyName: "a".repeat(129) }),
    "companyName",
  ],
  ["MarketplaceProfile", "a bio of 201 words", profile({ companyBio: "word ".repeat(201) }), "companyBio"],
  [
    "MarketplaceProfile",
    "a contact email that is not one",
    profile({ contactEmail: "sales at acme" }),
    "contactEmail",
  ],
  ["MarketplaceProfile", "no contact email", without(profile(), "contactEmail"), "contactEmail"],
  ["MarketplaceProfile", "an FTP website", profile({ website: "ftp://acme.example" }), "website"],
  ["MarketplaceProfile", "visibility hidden", profile({ visibility: "hidden" }), "visibility"],
  ["MarketplaceProfile", "services as one string", profile({ services: "Transit" }), "services"],
  ["MarketplaceProfile", "an empty service name", profile({ services: ["Transit", ""] }), "services[1]"],
  [
    "MarketplaceProfile",
    "51 services",
    profile({ services: Array.from({ length: 51 }, (_, i) => `s${i}`) }),
    "services",
  ],
  [
    "MarketplaceProfile",
    "a listed port that is not a UID",
    profile({ listedPorts: ["sydney-red"] }),
    "listedPorts[0]",
  ],
  ["MarketplaceProfile", "a port listed twice", profile({ listedPorts: [UID, UID] }), "listedPorts[1]"],
  ["MarketplaceProfile", "a misspelt key", profile({ visiblity: "public" }), "visiblity"],
  ["ApprovalPolicy", "rules as a string", { rules: "accept everyone" }, "rules"],
  ["ApprovalPolicy", "a rule without a name", { rules: [{ match: {}, action: "accept" }] }, "rules[0].name"],
  ["ApprovalPolicy", "a rule with an empty name", rule({ name: " " }), "rules[0].name"],
  ["ApprovalPolicy", "a rule named default", rule({ name: "default" }), "rules[0].name"],
  ["ApprovalPolicy", "action allow", rule({ action: "allow" }), "rules[0].action"],
  ["ApprovalPolicy", "a deny rule without a reason", rule({ action: "deny" }), "rules[0].reason"],
  [
    "ApprovalPolicy",
    "a reason of 201 characters",
    rule({ action: "deny", reason: "r".repeat(201) }),
    "rules[0].reason",
  ],
  [
    "ApprovalPolicy",
    "a negative rate-limit minimum",
    rule({ match: { rateLimit: { min: -1 } } }),
    "rules[0].match.rateLimit.min",
  ],
  [
    "ApprovalPolicy",
    "a fractional rate-limit maximum",
    rule({ match: { rateLimit: { max: 1.5 } } }),
    "rules[0].match.rateLimit.max",
  ],
  [
    "ApprovalPolicy",
    "a speed range upside down",
    rule({ match: { rateLimit: { min: 1000, max: 100 } } }),
    "rules[0].match.rateLimit",
  ],
  [
    "ApprovalPolicy",
    "a VLAN bound of 5000",
    rule({ match: { vlan: { min: 5000 } } }),
    "rules[0].match.vlan.min",
  ],
  ["ApprovalPolicy", "a misspelt match key", rule({ match: { port: [UID] } }), "rules[0].match.port"],
  [
    "ApprovalPolicy",
    "an empty companies list",
    rule({ match: { companies: [] } }),
    "rules[0].match.companies",
  ],
  [
    "ApprovalPolicy",
    "a request type NEW_ORDER",
    rule({ match: { requestTypes: ["NEW_ORDER"] } }),
    "rules[0].match.requestTypes[0]",
  ],
  [
    "ApprovalPolicy",
    "a VLAN to assign on a deny",
    rule({ action: "deny", reason: "No.", bEndVlan: 100 }),
    "rules[0].bEndVlan",
  ],
  ["ApprovalPolicy", "a default deny without a reason", { defaultAction: "deny" }, "defaultReason"],
  ["ApprovalPolicy", "settleBacklog as a word", { settleBacklog: "yes" }, "settleBacklog"],
  ["NotificationSubscription", "no user", without(subscription(), "user"), "user"],
  ["NotificationSubscription", "an empty user", subscription({ user: " " }), "user"],
  ["NotificationSubscription", "a negative employee id", subscription({ user: -3 }), "user"],
  ["NotificationSubscription", "no groups", without(subscription(), "groups"), "groups"],
  ["NotificationSubscription", "no group at all", subscription({ groups: [] }), "groups"],
  [
    "NotificationSubscription",
    "an unknown group",
    subscription({ groups: ["Ordering", "Billing"] }),
    "groups[1]",
  ],
  ["NotificationSubscription", "groups as one string", subscription({ groups: "Ordering" }), "groups"],
  ["NotificationSubscription", "a misspelt key", subscription({ group: ["Ordering"] }), "group"],
];

/** The line the engine prints for a check failure (pkg/resource/deploy/step_generator.go, diag codes 2002/2003). */
function asPrinted(
  kind: Kind,
  inputs: Record<string, unknown>,
  failure: { property: string; reason: string },
): string {
  const type = `pulumi-nodejs:dynamic/megaport:${kind}`;
  if (failure.property === "") return `${type} resource 'r' has a problem: ${failure.reason}`;
  const value = failure.property in inputs ? JSON.stringify(inputs[failure.property]) : "<nil>";
  return `${type} resource 'r': property ${failure.property} value {${value}} has a problem: ${failure.reason}`;
}

const ZOD_JARGON = /Invalid input|Invalid option|Too small|Too big|expected \w+, received|Unrecognized key/;
const SAYS_HOW = /\b(must|use|set|give|remove|add|choose|correct|check|list|name|shorten|leave|delete)\b/i;
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+/;

describe("invalid inputs", () => {
  const outcomes: boolean[] = [];
  afterAll(() => {
    const kinds = new Set(ROWS.map(([kind]) => kind)).size;
    report(
      `invalid inputs: ${ROWS.length} across ${kinds} resources; ${outcomes.filter(Boolean).length} named the field and the fix, 0 stack traces`,
    );
  });

  it.each(ROWS)("%s with %s: names the field and the fix", async (kind, _what, inputs, field) => {
    const result = await CHECKS[kind]({} as never, inputs as never);
    expect(result.failures?.length).toBeGreaterThan(0);
    const printed = result.failures!.map((failure) => asPrinted(kind, inputs, failure));
    const naming = printed.find((line) => line.includes(field));
    expect(naming).toBeDefined();
    expect(naming).toMatch(SAYS_HOW);
    for (const line of printed) {
      expect(line).not.toMatch(ZOD_JARGON);
      expect(line).not.toContain("{<nil>}");
      expect(line).not.toMatch(STACK_TRACE);
      expect(line).not.toContain(SERVICE_KEY);
    }
    outcomes.push(true);
  });
});

describe("invalid inputs through pulumi preview", () => {
  const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/customer");
  const sample = ROWS.filter(
    ([kind, what]) =>
      kind === "VxcConnection" &&
      [
        "a negative rate limit",
        "B-end VLAN 5000",
        "sameDiversityZone as a word",
        "a service key and a B-end UID",
        "a misspelt B-end key",
      ].includes(what),
  );

  it(
    "print one line that names the field and the fix, with no stack trace and no {<nil>}",
    async () => {
      const e2e = await createStack(PROGRAM, {
        stackName: "invalid",
        envVars: FAST_PROVIDER_ENV,
        config: {
          "megaport:accessKey": SEED.apiKeys.globexAdmin.accessKey,
          "megaport:secretKey": SEED.apiKeys.globexAdmin.secretKey,
        },
      });
      try {
        for (const [, what, inputs, field] of sample) {
          await e2e.stack.setConfig("vxcs", { value: JSON.stringify([{ resourceName: "r", ...inputs }]) });
          const failure = await e2e.stack.preview({ onOutput: collect(e2e) }).then(
            () => new Error(`${what}: the preview passed`),
            (err: Error) => err,
          );
          expect(failure.message).toContain("has a problem");
          expect(failure.message).toContain(field);
          expect(failure.message).toMatch(SAYS_HOW);
          expect(failure.message).not.toMatch(STACK_TRACE);
          expect(failure.message).not.toContain("{<nil>}");
          expect(failure.message).not.toMatch(ZOD_JARGON);
          expect(failure.message).not.toContain(SERVICE_KEY);
        }
        report(
          `invalid inputs: ${sample.length} of them through pulumi preview print the field and the fix, no stack trace`,
        );
      } finally {
        await e2e.cleanup();
      }
    },
    3 * 60_000,
  );
});
