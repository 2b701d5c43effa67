// What an adversary (or a careless copy and paste) could put in the inputs of the four resources: control characters
// that forge a second line in a log or an email, invisible characters that make a name read as another, markup the
// Portal would show or render, sizes no API takes, and keys that JavaScript turns into a prototype. Every row must be
// refused at preview by `check`, with a message that names the field and the rule, never a stack trace, never the
// hostile value echoed raw. Legitimate text (accents, other scripts, emoji, "<" in prose) must still pass. A few rows
// also go through `pulumi preview` with the real CLI and the SDK, the only way a "__proto__" key reaches check.
import * as path from "node:path";
import { PROTO_KEY_MARK } from "../../provider/kinds/refused-keys";
import { SEED } from "../../simulator/seed";
import { FAST_PROVIDER_ENV } from "../support/world";
import { collect, createStack, REPO_ROOT } from "../support/pulumi-stack";
import { CHECKS, type Failure, type Kind, profile, rule, subscription, UID, vxc } from "./check-table";
import { report } from "./reliability-world";

const lookup = (change: Record<string, unknown>) =>
  vxc({ bEnd: { providerName: "Acme Networks", ...change } });
const match = (m: Record<string, unknown>) => rule({ match: m });
/** Inputs as the engine hands them over after JSON: a "__proto__" key is an own key, not a prototype. */
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

// The rule each row must be refused by, as its message names it.
const CONTROL = "control characters";
const INVISIBLE = "invisible formatting characters";
const MARKUP = "HTML markup";
const BLANK = "must not be blank";
const SIZE = /at most \d+/;
const PROTO = "is refused anywhere in the inputs";

const MB = "x".repeat(1024 * 1024);
const CONTROLS: [string, string][] = [
  ["NUL", "\u0000"],
  ["CR", "\r"],
  ["LF", "\n"],
  ["TAB", "\t"],
  ["ESC (a terminal colour code)", "\u001b[31m"],
  ["DEL", "\u007f"],
  ["C1 NEL", "\u0085"],
  ["C1 CSI", "\u009b"],
  ["a line separator", "\u2028"],
];
const INVISIBLES: [string, string][] = [
  ["a zero-width space", "\u200b"],
  ["a zero-width non-joiner", "\u200c"],
  ["a zero-width joiner between letters", "\u200d"],
  ["a right-to-left override", "\u202e"],
  ["a left-to-right override", "\u202d"],
  ["a right-to-left isolate", "\u2067"],
  ["a pop directional isolate", "\u2069"],
  ["a byte-order mark", "\ufeff"],
  ["a word joiner", "\u2060"],
  ["a soft hyphen", "\u00ad"],
  ["a tag character", "\u{e0041}"],
];
const TAGS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<a href=https://evil.example>",
  "<!-- x",
];

/** [kind, what is wrong, inputs, the field the message must name, the rule it must name]. */
type Row = [Kind, string, Record<string, unknown>, string, string | RegExp];
const ROWS: Row[] = [
  // Control characters: in every free-text field of every kind.
  ...CONTROLS.map(([what, c]): Row => [
    "VxcConnection",
    `${what} in the name`,
    vxc({ name: `Globex${c}Acme` }),
    "name",
    CONTROL,
  ]),
  [
    "VxcConnection",
    "CR LF in the cost centre",
    vxc({ costCentre: "CC-1\r\nBcc: x@evil.example" }),
    "costCentre",
    CONTROL,
  ],
  ["VxcConnection", "NUL in the cost centre", vxc({ costCentre: "CC\u00001" }), "costCentre", CONTROL],
  [
    "VxcConnection",
    "LF in the provider name",
    lookup({ providerName: "Acme\nNetworks" }),
    "bEnd.providerName",
    CONTROL,
  ],
  ["VxcConnection", "a TAB in the port name", lookup({ portName: "Acme\tSydney" }), "bEnd.portName", CONTROL],
  [
    "VxcConnection",
    "NUL in the location name",
    lookup({ location: "Equinix\u0000SY1" }),
    "bEnd.location",
    CONTROL,
  ],
  [
    "MarketplaceProfile",
    "LF in the company name",
    profile({ companyName: "Acme\nNetworks" }),
    "companyName",
    CONTROL,
  ],
  [
    "MarketplaceProfile",
    "NUL in the company name",
    profile({ companyName: "Acme\u0000" }),
    "companyName",
    CONTROL,
  ],
  [
    "MarketplaceProfile",
    "ESC in the bio",
    profile({ companyBio: "We \u001b[2Jsell" }),
    "companyBio",
    CONTROL,
  ],
  ["MarketplaceProfile", "a lone CR in the bio", profile({ companyBio: "one\rtwo" }), "companyBio", CONTROL],
  [
    "MarketplaceProfile",
    "LF in a service",
    profile({ services: ["Transit\nFirewall"] }),
    "services[0]",
    CONTROL,
  ],
  [
    "MarketplaceProfile",
    "LF in the website",
    profile({ website: "https://acme.exa\nmple" }),
    "website",
    CONTROL,
  ],
  ["ApprovalPolicy", "LF in a rule name", rule({ name: "a\nb" }), "rules[0].name", CONTROL],
  [
    "ApprovalPolicy",
    "CR LF in a reason",
    rule({ action: "deny", reason: "No.\r\nCall us" }),
    "rules[0].reason",
    CONTROL,
  ],
  [
    "ApprovalPolicy",
    "NUL in the default reason",
    { defaultAction: "deny", defaultReason: "No\u0000" },
    "defaultReason",
    CONTROL,
  ],
  [
    "ApprovalPolicy",
    "LF in a company",
    match({ companies: ["Globex\nCorporation"] }),
    "rules[0].match.companies[0]",
    CONTROL,
  ],
  ["ApprovalPolicy", "NUL in a port", match({ ports: [`${UID}\u0000`] }), "rules[0].match.ports[0]", CONTROL],
  [
    "NotificationSubscription",
    "CR LF in the user",
    subscription({ user: "noc@globex.example\r\nBcc: x" }),
    "user",
    CONTROL,
  ],
  [
    "NotificationSubscription",
    "NUL in the user",
    subscription({ user: "noc\u0000@globex.example" }),
    "user",
    CONTROL,
  ],

  // Invisible characters: names and everything a person reads.
  ...INVISIBLES.map(([what, c]): Row => [
    "VxcConnection",
    `${what} in the name`,
    vxc({ name: `Globex${c}Acme` }),
    "name",
    INVISIBLE,
  ]),
  [
    "VxcConnection",
    "a bidi override in the cost centre",
    vxc({ costCentre: "CC-\u202e1234" }),
    "costCentre",
    INVISIBLE,
  ],
  [
    "VxcConnection",
    "a zero-width space in the provider name",
    lookup({ providerName: "Acme\u200bNetworks" }),
    "bEnd.providerName",
    INVISIBLE,
  ],
  [
    "MarketplaceProfile",
    "a bidi override in the company name",
    profile({ companyName: "Acme \u202eskrowteN" }),
    "companyName",
    INVISIBLE,
  ],
  [
    "MarketplaceProfile",
    "a zero-width joiner in the company name",
    profile({ companyName: "Ac\u200dme" }),
    "companyName",
    INVISIBLE,
  ],
  [
    "MarketplaceProfile",
    "an isolate in the bio",
    profile({ companyBio: "Fast \u2066transit" }),
    "companyBio",
    INVISIBLE,
  ],
  [
    "MarketplaceProfile",
    "a zero-width space in a service",
    profile({ services: ["Tran\u200bsit"] }),
    "services[0]",
    INVISIBLE,
  ],
  [
    "ApprovalPolicy",
    "a bidi override in a rule name",
    rule({ name: "accept-\u202eglobex" }),
    "rules[0].name",
    INVISIBLE,
  ],
  [
    "ApprovalPolicy",
    "a zero-width space in a company",
    match({ companies: ["Globex\u200b Corporation"] }),
    "rules[0].match.companies[0]",
    INVISIBLE,
  ],
  [
    "ApprovalPolicy",
    "an isolate in a reason",
    rule({ action: "deny", reason: "No \u2067thanks" }),
    "rules[0].reason",
    INVISIBLE,
  ],
  [
    "NotificationSubscription",
    "a byte-order mark in the user",
    subscription({ user: "\ufeffnoc@globex.example" }),
    "user",
    INVISIBLE,
  ],

  // Blank names.
  ["VxcConnection", "a name of spaces", vxc({ name: "   " }), "name", BLANK],
  ["VxcConnection", "a name of no-break spaces", vxc({ name: "\u00a0\u00a0" }), "name", BLANK],
  ["VxcConnection", "a name of Hangul fillers", vxc({ name: "\u3164\u3164" }), "name", BLANK],
  ["VxcConnection", "a name of braille blanks", vxc({ name: "\u2800" }), "name", BLANK],
  [
    "MarketplaceProfile",
    "a company name of Hangul fillers",
    profile({ companyName: "\u3164" }),
    "companyName",
    BLANK,
  ],
  ["ApprovalPolicy", "a rule name of braille blanks", rule({ name: "\u2800\u2800" }), "rules[0].name", BLANK],

  // Markup where the Portal or an email shows text.
  ...TAGS.map((tag): Row => [
    "MarketplaceProfile",
    `${tag.slice(0, 12)}… in the bio`,
    profile({ companyBio: `Transit ${tag}` }),
    "companyBio",
    MARKUP,
  ]),
  [
    "MarketplaceProfile",
    "a tag in the company name",
    profile({ companyName: "Acme <b>Networks</b>" }),
    "companyName",
    MARKUP,
  ],
  [
    "MarketplaceProfile",
    "a tag in a service",
    profile({ services: ["<marquee>Transit"] }),
    "services[0]",
    MARKUP,
  ],
  [
    "MarketplaceProfile",
    "a tag in the website",
    profile({ website: 'https://acme.example/"><script>x</script>' }),
    "website",
    MARKUP,
  ],
  ["VxcConnection", "a tag in the name", vxc({ name: "<img src=x onerror=alert(1)>" }), "name", MARKUP],
  ["VxcConnection", "a tag in the cost centre", vxc({ costCentre: "<b>CC</b>" }), "costCentre", MARKUP],
  [
    "ApprovalPolicy",
    "a tag in a reason",
    rule({ action: "deny", reason: "<a href=https://evil.example>appeal</a>" }),
    "rules[0].reason",
    MARKUP,
  ],
  [
    "ApprovalPolicy",
    "a tag in the default reason",
    { defaultAction: "deny", defaultReason: "<script>x</script>" },
    "defaultReason",
    MARKUP,
  ],

  // Sizes beyond what the API takes.
  ["VxcConnection", "a 1 MB name", vxc({ name: MB }), "name", SIZE],
  ["VxcConnection", "a 1 MB cost centre", vxc({ costCentre: MB }), "costCentre", SIZE],
  [
    "VxcConnection",
    "a provider name of 129 characters",
    lookup({ providerName: "a".repeat(129) }),
    "bEnd.providerName",
    SIZE,
  ],
  ["VxcConnection", "a 1 MB port name", lookup({ portName: MB }), "bEnd.portName", SIZE],
  [
    "VxcConnection",
    "a location name of 129 characters",
    lookup({ location: "l".repeat(129) }),
    "bEnd.location",
    SIZE,
  ],
  ["MarketplaceProfile", "a 1 MB company name", profile({ companyName: MB }), "companyName", SIZE],
  ["MarketplaceProfile", "a bio of one 1 MB word", profile({ companyBio: MB }), "companyBio", SIZE],
  [
    "MarketplaceProfile",
    "a contact email of 255 characters",
    profile({ contactEmail: `${"a".repeat(243)}@acme.example` }),
    "contactEmail",
    SIZE,
  ],
  [
    "MarketplaceProfile",
    "a website of 2049 characters",
    profile({ website: `https://acme.example/${"p".repeat(2029)}` }),
    "website",
    SIZE,
  ],
  ["MarketplaceProfile", "a 1 MB service", profile({ services: [MB] }), "services[0]", SIZE],
  [
    "MarketplaceProfile",
    "501 listed ports",
    profile({ listedPorts: Array.from({ length: 501 }, () => UID) }),
    "listedPorts",
    SIZE,
  ],
  [
    "ApprovalPolicy",
    "101 rules",
    {
      rules: Array.from({ length: 101 }, (_, i) => ({
        name: `r${i}`,
        match: { vlan: { min: i + 2, max: i + 2 } },
        action: "accept",
      })),
    },
    "rules",
    SIZE,
  ],
  ["ApprovalPolicy", "a rule name of 65 characters", rule({ name: "r".repeat(65) }), "rules[0].name", SIZE],
  [
    "ApprovalPolicy",
    "101 companies in a rule",
    match({ companies: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
    "rules[0].match.companies",
    SIZE,
  ],
  ["ApprovalPolicy", "a 1 MB company", match({ companies: [MB] }), "rules[0].match.companies[0]", SIZE],
  [
    "ApprovalPolicy",
    "501 ports in a rule",
    match({ ports: Array.from({ length: 501 }, () => UID) }),
    "rules[0].match.ports",
    SIZE,
  ],
  ["ApprovalPolicy", "a 1 MB reason", rule({ action: "deny", reason: MB }), "rules[0].reason", SIZE],
  [
    "ApprovalPolicy",
    "three request types",
    match({ requestTypes: ["NEW", "NEW", "SPEED_CHANGE"] }),
    "rules[0].match.requestTypes",
    SIZE,
  ],
  ["NotificationSubscription", "a 1 MB user", subscription({ user: MB }), "user", SIZE],
  [
    "NotificationSubscription",
    "seven group names",
    subscription({
      groups: ["Ordering", "Security", "People", "Company", "Services", "Financial", "ordering"],
    }),
    "groups",
    SIZE,
  ],

  // Keys that would become a prototype, anywhere: as JSON hands them over, as an object literal sets them, and as
  // the SDK marks them.
  [
    "ApprovalPolicy",
    "__proto__ in a match (JSON)",
    json(`{"rules":[{"name":"r","action":"accept","match":{"__proto__":{"companies":["x"]}}}]}`),
    "rules[0].match.__proto__",
    PROTO,
  ],
  [
    "ApprovalPolicy",
    "__proto__ in a match (a literal's prototype)",
    { rules: [{ name: "r", action: "accept", match: { __proto__: { companies: ["x"] } } }] },
    "rules[0].match.__proto__",
    PROTO,
  ],
  [
    "ApprovalPolicy",
    "__proto__ as the SDK marks it",
    { rules: [{ name: "r", action: "accept", match: { [PROTO_KEY_MARK]: { companies: ["x"] } } }] },
    "rules[0].match.__proto__",
    PROTO,
  ],
  [
    "ApprovalPolicy",
    "constructor in a rule",
    rule({ constructor: { prototype: { action: "deny" } } }),
    "rules[0].constructor",
    PROTO,
  ],
  ["ApprovalPolicy", "prototype at the top", { prototype: { defaultAction: "accept" } }, "prototype", PROTO],
  [
    "ApprovalPolicy",
    "__proto__ at the top (JSON)",
    json(`{"__proto__":{"defaultAction":"accept"}}`),
    "__proto__",
    PROTO,
  ],
  [
    "VxcConnection",
    "__proto__ in the B-end (JSON)",
    json(
      `{"name":"n","rateLimit":100,"aEnd":{"productUid":"${UID}"},"bEnd":{"__proto__":{"productUid":"${UID}"}}}`,
    ),
    "bEnd.__proto__",
    PROTO,
  ],
  [
    "VxcConnection",
    "constructor in the A-end",
    vxc({ aEnd: { productUid: UID, constructor: 1 } }),
    "aEnd.constructor",
    PROTO,
  ],
  ["VxcConnection", "prototype at the top", vxc({ prototype: {} }), "prototype", PROTO],
  [
    "MarketplaceProfile",
    "__proto__ at the top (JSON)",
    json(`{"companyName":"Acme","contactEmail":"a@acme.example","__proto__":{"visibility":"private"}}`),
    "__proto__",
    PROTO,
  ],
  [
    "MarketplaceProfile",
    "__proto__ inside the services list",
    profile({ services: [{ __proto__: { length: 1 } }] }),
    "services[0].__proto__",
    PROTO,
  ],
  [
    "NotificationSubscription",
    "__proto__ with groups (JSON)",
    json(`{"user":"noc@globex.example","__proto__":{"groups":["Security"]}}`),
    "__proto__",
    PROTO,
  ],
  [
    "NotificationSubscription",
    "constructor at the top",
    subscription({ constructor: "x" }),
    "constructor",
    PROTO,
  ],
];

/** Legitimate text that must pass: accents, other scripts, emoji (a ZWJ sequence too), and "<" or "&" in prose. */
const VALID: [Kind, string, Record<string, unknown>][] = [
  ["VxcConnection", "an en dash and an umlaut", vxc({ name: "Zürich – Sydney" })],
  ["VxcConnection", "Japanese", vxc({ name: "東京 ↔ 大阪" })],
  ["VxcConnection", "Arabic (right to left without overrides)", vxc({ name: "الرياض إلى دبي" })],
  ["VxcConnection", "an emoji", vxc({ name: "🚀 launch link" })],
  ["VxcConnection", "an emoji joined by a zero-width joiner", vxc({ name: "👩‍💻 NOC link" })],
  ["VxcConnection", "a comparison in prose", vxc({ name: "A <-> B, speed < 1G", costCentre: "R&D / ops" })],
  [
    "MarketplaceProfile",
    "a bio with line breaks",
    profile({ companyBio: "Transit.\nFirewalls.\r\nO'Brien & Sons." }),
  ],
  ["MarketplaceProfile", "an accented company name", profile({ companyName: "Société Générale Réseaux" })],
  [
    "ApprovalPolicy",
    "a rule and reason in prose",
    rule({ name: "Gold (≥ 1 Gbps)", action: "deny", reason: "Contact noc@acme.example — we only take 10G." }),
  ],
  ["ApprovalPolicy", "a company with an accent", match({ companies: ["Globex Corporation", "Müller GmbH"] })],
  ["NotificationSubscription", "an email", subscription({ user: "noc@globex.example" })],
];

/** The line the engine prints for a check failure (pkg/resource/deploy/step_generator.go, diag codes 2002/2003). */
function asPrinted(kind: Kind, inputs: Record<string, unknown>, failure: Failure): string {
  const type = `pulumi-nodejs:dynamic/megaport:${kind}`;
  if (failure.property === "") return `${type} resource 'r' has a problem: ${failure.reason}`;
  const value = failure.property in inputs ? JSON.stringify(inputs[failure.property]) : "<nil>";
  return `${type} resource 'r': property ${failure.property} value {${value}} has a problem: ${failure.reason}`;
}

const ZOD_JARGON = /Invalid input|Invalid option|Too small|Too big|expected \w+, received|Unrecognized key/;
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+/;
/** What a printed line must never carry raw: a control or invisible character of the hostile value. */
const RAW_HIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/u;

function names(rule: string | RegExp, line: string): boolean {
  return typeof rule === "string" ? line.includes(rule) : rule.test(line);
}

describe("hostile inputs", () => {
  let refused = 0;
  afterAll(() => {
    report(
      `hostile inputs: ${refused} refused / ${ROWS.length} total across 4 resources, each naming the field and the rule; ` +
        `${VALID.length} legitimate unicode inputs pass`,
    );
  });

  it.each(ROWS)(
    "%s with %s: refused, naming the field and the rule",
    async (kind, _what, inputs, field, rule) => {
      const result = await CHECKS[kind]({} as never, inputs as never);
      expect(result.failures?.length).toBeGreaterThan(0);
      const printed = result.failures!.map((failure) => asPrinted(kind, inputs, failure));
      expect(printed.find((line) => line.includes(field) && names(rule, line))).toBeDefined();
      for (const line of printed) {
        expect(line).not.toMatch(ZOD_JARGON);
        expect(line).not.toMatch(STACK_TRACE);
        expect(line).not.toContain("{<nil>}");
        expect(line).not.toMatch(RAW_HIDDEN);
        expect(line.length).toBeLessThan(2000);
      }
      refused++;
    },
  );

  it.each(VALID)("%s with %s: passes", async (kind, _what, inputs) => {
    const result = await CHECKS[kind]({} as never, inputs as never);
    expect(result.failures ?? []).toEqual([]);
  });

  it("checked inputs are objects without a prototype, so no key of theirs can reach one", async () => {
    const result = await CHECKS.ApprovalPolicy(
      {} as never,
      match({ companies: ["Globex Corporation"] }) as never,
    );
    const inputs = result.inputs as { rules: { match: object }[] };
    expect(Object.getPrototypeOf(inputs)).toBeNull();
    expect(Object.getPrototypeOf(inputs.rules[0].match)).toBeNull();
    expect(Object.getPrototypeOf(inputs.rules)).toBe(Array.prototype);
  });
});

describe("hostile inputs through pulumi preview", () => {
  const PROGRAM = path.join(REPO_ROOT, "tests/e2e/programs/customer");
  // Config is JSON: "__proto__" arrives in the program as an own key, and only the SDK's mark keeps it from
  // becoming the B-end's prototype on the way to the engine (its productUid would then pass for the B-end's own).
  const rows: [string, Record<string, unknown>, string, string | RegExp][] = [
    ["a line feed in the name", vxc({ name: "Globex\nAcme" }), "name", CONTROL],
    ["a right-to-left override in the name", vxc({ name: "Globex \u202eemcA" }), "name", INVISIBLE],
    ["a name of spaces", vxc({ name: "   " }), "name", BLANK],
    [
      "a 100 kB cost centre (the command line takes no more)",
      vxc({ costCentre: "c".repeat(100_000) }),
      "costCentre",
      SIZE,
    ],
    [
      "__proto__ in the B-end",
      json(
        `{"name":"n","rateLimit":100,"aEnd":{"productUid":"${SEED.ports.globexSydRed.uid}"},"bEnd":{"__proto__":{"productUid":"${UID}"}}}`,
      ),
      "bEnd.__proto__",
      PROTO,
    ],
  ];

  it(
    "refuses each at preview naming the field and the rule, with no stack trace and nothing raw",
    async () => {
      const e2e = await createStack(PROGRAM, {
        stackName: "hostile",
        envVars: FAST_PROVIDER_ENV,
        config: {
          "megaport:accessKey": SEED.apiKeys.globexAdmin.accessKey,
          "megaport:secretKey": SEED.apiKeys.globexAdmin.secretKey,
        },
      });
      try {
        for (const [what, inputs, field, rule] of rows) {
          await e2e.stack.setConfig("vxcs", { value: JSON.stringify([{ resourceName: "r", ...inputs }]) });
          const failure = await e2e.stack.preview({ onOutput: collect(e2e) }).then(
            () => new Error(`${what}: the preview passed`),
            (err: Error) => err,
          );
          expect(failure.message).toContain("has a problem");
          const line = failure.message
            .split("\n")
            .find((l) => l.includes("has a problem") && l.includes(field));
          expect(line).toBeDefined();
          expect(names(rule, line!)).toBe(true);
          expect(failure.message).not.toMatch(STACK_TRACE);
          expect(line).not.toMatch(RAW_HIDDEN);
          expect(failure.message.length).toBeLessThan(20_000);
        }
        // Nothing was stored, so no state carries the shape a prototype key would have given the B-end.
        const exported = await e2e.stack.exportStack();
        expect((exported.deployment as { resources?: unknown[] }).resources ?? []).toEqual([]);
        expect(JSON.stringify(exported)).not.toMatch(/__proto__|megaport-mx:__proto__/);
        report(
          `hostile inputs: ${rows.length} of them through pulumi preview refused, naming the field and the rule`,
        );
      } finally {
        await e2e.cleanup();
      }
    },
    3 * 60_000,
  );
});
