// VxcConnection check: the exact words for each bad input where tests/reliability/invalid-inputs.test.ts (one table
// for every kind: the message names the field and the fix) has no row, a service key never echoed, and the good
// inputs kept with their hidden inputs. No simulator: check needs no API.
import { failureAt } from "../../support/check-failures";
import { provider } from "../../../provider/resources/vxc-connection";
import { A_SERVICE_KEY, ACME_SYD_RED, GLOBEX_SYD_RED, hidden, SOME_UID } from "./vxc-world";

describe("VxcConnection check", () => {
  const good = () => ({
    name: "Globex to Acme",
    rateLimit: 100,
    aEnd: { productUid: GLOBEX_SYD_RED, vlan: 100 },
    bEnd: { productUid: ACME_SYD_RED, vlan: 300 },
  });
  // Rows with the same input and field as tests/reliability/invalid-inputs.test.ts live only there (it checks every
  // kind's messages name the field and the fix); these check the exact words where that table has no row.
  const rows: { name: string; inputs: Record<string, unknown>; property: string; message: string }[] = [
    {
      name: "a fractional rate limit",
      inputs: { ...good(), rateLimit: 100.5 },
      property: "rateLimit",
      message: "rateLimit must be a whole number of Mbps",
    },
    {
      name: "a rate limit above any port",
      inputs: { ...good(), rateLimit: 100_001 },
      property: "rateLimit",
      message: "rateLimit must be at most 100000 Mbps",
    },
    ...[1, 4094, -2].map((vlan) => ({
      name: `B-end VLAN ${vlan}`,
      inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED, vlan } },
      property: "bEnd.vlan",
      message: "bEnd.vlan must be 2–4093, or 0 to let Megaport choose, or -1 for untagged",
    })),
    {
      name: "a B-end VLAN alone",
      inputs: { ...good(), bEnd: { vlan: 300 } },
      property: "bEnd",
      message: "say where the VXC goes",
    },
    {
      name: "a provider name and a service key",
      inputs: { ...good(), bEnd: { providerName: "Acme Networks" }, serviceKey: A_SERVICE_KEY },
      property: "bEnd",
      message: "(got bEnd.providerName and serviceKey)",
    },
    {
      name: "a port name without a provider name",
      inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED, portName: "Acme Sydney Red" } },
      property: "bEnd.providerName",
      message: "only apply with bEnd.providerName: set it",
    },
    {
      name: "an A-end that is not a UID",
      inputs: { ...good(), aEnd: { productUid: "globex-syd-red" } },
      property: "aEnd.productUid",
      message: 'aEnd.productUid must be a Megaport product UID such as "a1b2c3d4-…"',
    },
    {
      name: "a B-end that is not a UID",
      inputs: { ...good(), bEnd: { productUid: "55465685-0cdb-46c8-8bee" } },
      property: "bEnd.productUid",
      message: "bEnd.productUid must be a Megaport product UID",
    },
    {
      name: "an adoptUid that is not a UID",
      inputs: { ...good(), adoptUid: 42 },
      property: "adoptUid",
      message: "adoptUid must be a product UID string",
    },
    {
      name: "an unknown readyWhen",
      inputs: { ...good(), readyWhen: "DEPLOYABLE" },
      property: "readyWhen",
      message: "readyWhen must be CONFIGURED or LIVE",
    },
    // Strict objects: a misspelt key is an error, not silently ignored. Zod reports it on the parent path.
    {
      name: "an unknown top-level key",
      inputs: { ...good(), rate_limit: 100 },
      property: "rate_limit",
      message: 'unknown field "rate_limit": remove it or correct its spelling',
    },
  ];

  it.each(rows)("rejects $name at property '$property'", async ({ inputs, property, message }) => {
    const result = await provider.check({} as never, { ...inputs, ...hidden("check") } as never);
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual([failureAt(property, message)]);
  });

  it("reports a bad service key on property '' with the field named, and never echoes the key", async () => {
    const key = "not-a-key-but-still-secret-4f1b";
    const result = await provider.check(
      {} as never,
      { ...good(), bEnd: undefined, serviceKey: key, ...hidden("check") } as never,
    );
    expect(result.failures).toEqual([
      { property: "", reason: "serviceKey must be the 36-character key the provider gave you" },
    ]);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it("reports a service key given with a B-end port without naming the key's value", async () => {
    const result = await provider.check(
      {} as never,
      { ...good(), serviceKey: A_SERVICE_KEY, ...hidden("check") } as never,
    );
    expect(result.failures).toEqual([
      { property: "bEnd", reason: expect.stringContaining("(got bEnd.productUid and serviceKey)") },
    ]);
    expect(JSON.stringify(result)).not.toContain(A_SERVICE_KEY);
  });

  const goodRows: { name: string; inputs: Record<string, unknown> }[] = [
    { name: "a B-end port UID", inputs: good() },
    {
      name: "a provider lookup with every option",
      inputs: {
        ...good(),
        bEnd: {
          providerName: "Acme Networks",
          location: "Equinix SY1",
          portName: "Acme Sydney Red",
          vlan: 0,
        },
      },
    },
    {
      name: "a provider lookup by location id in the same zone",
      inputs: { ...good(), bEnd: { providerName: "Acme Networks", location: 3, sameDiversityZone: true } },
    },
    {
      name: "a service key and every optional field",
      inputs: {
        ...good(),
        aEnd: { productUid: GLOBEX_SYD_RED, vlan: -1 },
        bEnd: { vlan: 0 },
        serviceKey: A_SERVICE_KEY,
        term: 12,
        costCentre: "c".repeat(255),
        readyWhen: "CONFIGURED",
        adoptUid: SOME_UID,
        name: "n".repeat(64),
        rateLimit: 100_000,
      },
    },
    { name: "no service key and no B-end VLAN", inputs: { ...good(), bEnd: { productUid: ACME_SYD_RED } } },
  ];

  it.each(goodRows)("accepts $name and keeps the hidden inputs", async ({ inputs }) => {
    const result = await provider.check({} as never, { ...inputs, ...hidden("good") } as never);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...inputs, ...hidden("good") });
  });
});
