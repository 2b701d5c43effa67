// Each recorded response shape in tests/fixtures parses with its schema, and its quirks come out
// normalised (tests/fixtures/README.md says where each shape comes from).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { envelope } from "../../../provider/client/schemas/envelope";
import { NetworkRegionListSchema } from "../../../provider/client/schemas/locations";
import { PriceBookSchema } from "../../../provider/client/schemas/pricing";
import { OrderApprovalListSchema } from "../../../provider/client/schemas/order-approvals";
import { UserSchema } from "../../../provider/client/schemas/users";
import { MarketplaceProfileListSchema } from "../../../provider/client/schemas/marketplace-profile";
import { CONNECT_TYPES, PartnerPortListSchema } from "../../../provider/client/schemas/partner-ports";
import { AnyProductSchema, ProductListSchema, VxcSchema } from "../../../provider/client/schemas/products";
import { ServiceKeySchema } from "../../../provider/client/schemas/service-keys";
import { TokenResponseSchema } from "../../../provider/client/schemas/token";
import { BuyResultSchema } from "../../../provider/client/schemas/vxc-order";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, "../../fixtures", name), "utf8"));
}

function parse<S extends z.ZodType>(schema: S, name: string): z.output<S> {
  const result = schema.safeParse(fixture(name));
  if (!result.success) throw new Error(`${name}: ${JSON.stringify(result.error.issues[0])}`);
  return result.data;
}

describe("recorded response shapes", () => {
  test("the token response parses", () => {
    expect(parse(TokenResponseSchema, "token-response.json")).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
    });
  });

  test("a VXC awaiting the provider's approval parses, with csp_connection as a list", () => {
    const { data: vxc } = parse(envelope(VxcSchema), "vxc-with-approval.json");
    expect(vxc.vxcApproval).toEqual({
      status: "PENDING_EXTERNAL",
      message: "Awaiting approval from Acme Networks",
      uid: "f3e2d1c0-b9a8-4765-9432-10fedcba9876",
      type: "NEW",
      newSpeed: null,
    });
    expect(vxc.resources?.csp_connection).toHaveLength(1);
    expect(vxc.resources?.csp_connection?.[0]?.connectType).toBe("AWSHC");
    expect(vxc.aEnd?.vlan).toBe(101);
    expect(vxc.bEnd?.ownerUid).not.toBe(vxc.aEnd?.ownerUid);
    expect(vxc.createDate).toBe(1767225600000);
  });

  test("a product list with the vll [] quirk, all-null approvals and both vxcPermitted spellings parses", () => {
    const { data: products } = parse(envelope(ProductListSchema), "products-with-vll-quirk.json");
    const [port, mcr] = products;
    expect(port).toMatchObject({ productType: "MEGAPORT", vxcPermitted: true, marketplaceVisibility: true });
    expect(mcr).toMatchObject({ productType: "MCR2", vxcPermitted: true });
    expect(mcr).not.toHaveProperty("vxcpermitted");
    const [live, decommissioned, bare] = port!.associatedVxcs!;
    expect(live!.resources?.vll).toMatchObject({ a_vlan: 200, b_vlan: 300 });
    expect(live!.vxcApproval?.status).toBeNull();
    expect(decommissioned!.resources?.vll).toBeNull();
    expect(decommissioned!.provisioningStatus).toBe("DECOMMISSIONED");
    expect(bare!.resources).toEqual({});
  });

  test("a buy response parses and carries the new VXC's UID in vxcJTechnicalServiceUid", () => {
    const { data } = parse(envelope(BuyResultSchema), "buy-vxc-response.json");
    expect(data[0]).toMatchObject({
      vxcJTechnicalServiceUid: "0d6f1a52-4a55-4b8e-9c4e-2f1c6e7b9a10",
      fullyApproved: false,
      vxc: { provisioningStatus: "DEPLOYABLE", vxcPermitted: true },
    });
  });

  test("a service key parses, with the productDto's vxcpermitted folded into vxcPermitted", () => {
    const { data: key } = parse(envelope(ServiceKeySchema), "service-key.json");
    expect(key).toMatchObject({
      singleUse: true,
      vlan: 300,
      preApproved: true,
      validFor: { end: 1769904000000 },
    });
    expect(key.productDto?.vxcPermitted).toBe(true);
  });

  test("the partner port list parses", () => {
    const { data } = parse(envelope(PartnerPortListSchema), "partner-ports.json");
    expect(data.map((p) => [p.title, p.connectType, p.diversityZone])).toEqual([
      ["Acme SYD Red", "DEFAULT", "red"],
      ["Asia Pacific (Sydney) (ap-southeast-2)", "AWSHC", null],
    ]);
  });

  test("the network regions parse, with each country's market code in prefix", () => {
    const { data } = parse(envelope(NetworkRegionListSchema), "network-regions.json");
    expect(data[0]?.networkRegion).toBe("MP1");
    expect(data[0]?.countries?.map((c) => c.prefix)).toEqual(["AU", "GB", "US"]);
  });

  test("a user read by id parses, with the id as partyId", () => {
    const { data } = parse(envelope(UserSchema), "employee.json");
    expect(data).toMatchObject({ partyId: 61042, position: "Technical Admin", active: true });
  });

  test("a lock answer parses as the port, locked, with vxcpermitted folded", () => {
    const { message, data } = parse(envelope(AnyProductSchema), "product-lock.json");
    expect(message).toBe("Service locked");
    expect(data).toMatchObject({ productType: "MEGAPORT", locked: true, vxcPermitted: true });
  });

  test("a VXC price parses, the monthly rate after the term discount", () => {
    const { data } = parse(envelope(PriceBookSchema), "pricebook-vxc.json");
    expect(data).toMatchObject({ currency: "AUD", monthlyRate: 228, monthlyRackRate: 240 });
    expect(data.discounts?.[0]).toMatchObject({ discountReason: "TERM", amount: 12 });
  });

  test("the approval queue parses, with its free-form detail", () => {
    const { data } = parse(envelope(OrderApprovalListSchema), "order-approvals.json");
    expect(data[0]).toMatchObject({
      status: "PENDING",
      type: "NEW_ORDER",
      active: true,
      approverCompanyId: 1153,
      serviceId: 400812,
      createDate: 1767225600000,
      detail: { userName: "admin@globex.example" },
    });
  });

  test("an MCR's VXC to AWS parses with its VROUTER end, and CONNECT_TYPES names every connectType recorded", () => {
    const { data: products } = parse(envelope(ProductListSchema), "products-with-vrouter.json");
    const [vxc] = products[0]!.associatedVxcs!;
    const seen = vxc!.resources!.csp_connection!.map((c) => c.connectType);
    expect(seen).toEqual(["VROUTER", "AWSHC"]);
    for (const connectType of seen) expect(CONNECT_TYPES).toContain(connectType);
  });

  test("Marketplace profiles parse whatever profileVisibility says, or without one", () => {
    // Not a recording: the profile is the simulator's EXTENSION shape (docs/contracts.md). The client's rule is
    // that an answer never rejects a value the API may add, or a field it may leave out.
    const profiles = MarketplaceProfileListSchema.parse([
      { companyUid: "a5c7", companyName: "Acme Networks", profileVisibility: "PARTNERS_ONLY", services: [] },
      { companyUid: "d2e4", companyName: "Initech Cloud", services: null },
    ]);
    expect(profiles.map((p) => p.profileVisibility)).toEqual(["PARTNERS_ONLY", undefined]);
    expect(profiles[1]).toMatchObject({ companyName: "Initech Cloud", services: [] });
  });

  test("unknown fields pass through the loose schemas", () => {
    const { data } = parse(envelope(BuyResultSchema), "buy-vxc-response.json");
    expect(data[0]).toHaveProperty("payerMegaPortName", "Globex SYD Red");
  });
});
