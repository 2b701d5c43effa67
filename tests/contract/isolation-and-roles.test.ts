// Isolation between companies and the limits of each party and role, through the client against the
// simulator: a company cannot see VXCs it has no end of (the real API's "Could not find a service with UID"),
// a customer cannot answer its own request, a provider cannot change or cancel the customer's side, and a
// Read Only key is refused every change (but may read and price an order).
import { ApiError, ForbiddenError, isNotFound, NotFoundError } from "../../provider/client";
import { ContractWorld, SEED, thrownBy, vxcOrder, type KeyName } from "./contract-world";

const P = SEED.ports;
const READ_ONLY = "Permission denied: the Read Only role cannot make changes. Use a Company Admin API key.";

let world: ContractWorld;

/** VXCs the rows act on, ordered in beforeAll. */
const ids = {
  /** Initech to Initech: no other company has an end of it. */
  initechOnly: "",
  /** Initech to Acme's port: Acme sees it, Globex has nothing to do with it. */
  initechToAcme: "",
  /** Globex to Acme, waiting for Acme. */
  globexPending: "",
  globexPendingApproval: "",
  /** Globex to Acme, accepted and LIVE. */
  globexLive: "",
};

beforeAll(async () => {
  world = await ContractWorld.start();
  ids.initechOnly = await world.order("initechAdmin", {
    from: P.initechSyd.uid,
    to: P.initechSyd.uid,
    aVlan: 100,
    bVlan: 101,
  });
  ids.initechToAcme = await world.order("initechAdmin", { from: P.initechSyd.uid, to: P.acmeSydRed.uid });
  ids.globexPending = await world.order("globexAdmin", { from: P.globexSydRed.uid, to: P.acmeSydBlue.uid });
  ids.globexPendingApproval = (await world.client("acmeAdmin").getVxc(ids.globexPending)).vxcApproval
    ?.uid as string;
  ids.globexLive = (await world.liveGlobexToAcme()).productUid;
});
afterAll(() => world.close());

const as = (key: KeyName) => world.client(key);

interface Refusal {
  name: string;
  call: () => Promise<unknown>;
  type: typeof NotFoundError | typeof ForbiddenError | typeof ApiError;
  status: number;
  message: () => string;
}

const notFound = (uid: () => string) => ({
  type: NotFoundError,
  status: 400,
  message: () => `Could not find a service with UID ${uid()}`,
});

describe("a company sees only VXCs it has an end of", () => {
  const rows: Refusal[] = [
    {
      name: "Globex cannot read an Initech-only VXC",
      call: () => as("globexAdmin").getVxc(ids.initechOnly),
      ...notFound(() => ids.initechOnly),
    },
    {
      name: "Globex cannot read Initech's VXC to Acme's port",
      call: () => as("globexAdmin").getVxc(ids.initechToAcme),
      ...notFound(() => ids.initechToAcme),
    },
    {
      name: "Acme cannot read an Initech-only VXC",
      call: () => as("acmeAdmin").getVxc(ids.initechOnly),
      ...notFound(() => ids.initechOnly),
    },
    {
      name: "Globex cannot read the tags of Initech's VXC",
      call: () => as("globexAdmin").getResourceTags(ids.initechToAcme),
      ...notFound(() => ids.initechToAcme),
    },
    {
      name: "Globex cannot rename Initech's VXC",
      call: () => as("globexAdmin").updateVxc(ids.initechToAcme, { name: "mine now" }),
      ...notFound(() => ids.initechToAcme),
    },
    {
      name: "Globex cannot cancel an Initech-only VXC",
      call: () => as("globexAdmin").cancelProduct(ids.initechOnly, "CANCEL_NOW"),
      ...notFound(() => ids.initechOnly),
    },
    {
      name: "Globex cannot read Acme's port as a product",
      call: () => as("globexAdmin").getProduct(P.acmeSydRed.uid),
      ...notFound(() => P.acmeSydRed.uid),
    },
    {
      name: "Globex cannot ask which VLANs are free on Acme's port",
      call: () => as("globexAdmin").isPortVlanAvailable(P.acmeSydRed.uid, 100),
      ...notFound(() => P.acmeSydRed.uid),
    },
  ];

  it.each(rows)("$name", async (row) => {
    const err = await thrownBy(row.call);
    expect(err).toBeInstanceOf(row.type);
    expect(isNotFound(err)).toBe(true);
    expect((err as ApiError).status).toBe(row.status);
    expect((err as ApiError).megaportMessage).toBe(row.message());
  });

  it("listProducts shows the provider its incoming VXC and nobody else's", async () => {
    const vxcsOf = async (key: KeyName) =>
      (await as(key).listProducts()).flatMap((p) => (p.associatedVxcs ?? []).map((v) => v.productUid));
    const acmeVxcs = await vxcsOf("acmeAdmin");
    expect(acmeVxcs).toContain(ids.initechToAcme);
    expect(acmeVxcs).not.toContain(ids.initechOnly);
    const globexVxcs = await vxcsOf("globexAdmin");
    expect(globexVxcs).not.toContain(ids.initechToAcme);
    expect(globexVxcs).not.toContain(ids.initechOnly);
    expect(globexVxcs).toEqual(expect.arrayContaining([ids.globexPending, ids.globexLive]));
  });
});

describe("each party changes only its own side", () => {
  const rows: Refusal[] = [
    {
      name: "Globex cannot approve its own connection request with isApproved",
      call: () => as("globexAdmin").updateVxc(ids.globexPending, { isApproved: true }),
      type: ForbiddenError,
      status: 403,
      message: () => "Only B end owner can approve or deny this VXC",
    },
    {
      // The legacy path finds only requests the caller must answer; anyone else gets the not-found text.
      name: "Globex cannot approve its own connection request through the legacy order path",
      call: () => as("globexAdmin").approveVxcOrder(ids.globexPendingApproval, { isApproved: true }),
      type: ApiError,
      status: 400,
      message: () => `Could not find a pending VXC order with UID ${ids.globexPendingApproval}`,
    },
    {
      name: "Acme cannot rename the customer's VXC",
      call: () => as("acmeAdmin").updateVxc(ids.globexLive, { name: "provider rename" }),
      type: ForbiddenError,
      status: 403,
      message: () => "Only A end owner can change name",
    },
    {
      name: "Acme cannot cancel the customer's VXC",
      call: () => as("acmeAdmin").cancelProduct(ids.globexLive, "CANCEL_NOW"),
      type: ForbiddenError,
      status: 403,
      message: () => `Only the company that ordered VXC ${ids.globexLive} can cancel it`,
    },
    {
      name: "Acme cannot tag the customer's VXC",
      call: () => as("acmeAdmin").setResourceTags(ids.globexLive, { owner: "acme" }),
      type: ForbiddenError,
      status: 403,
      message: () => `Only the company that owns service ${ids.globexLive} can change its tags`,
    },
  ];

  it.each(rows)("$name", async (row) => {
    const err = await thrownBy(row.call);
    expect(err).toBeInstanceOf(row.type);
    expect((err as ApiError).status).toBe(row.status);
    expect((err as ApiError).megaportMessage).toBe(row.message());
  });

  it("the refused approvals leave the request pending for Acme", async () => {
    const vxc = await as("acmeAdmin").getVxc(ids.globexPending);
    expect(vxc.vxcApproval).toMatchObject({ status: "PENDING_INTERNAL", uid: ids.globexPendingApproval });
    expect(vxc.provisioningStatus).toBe("DEPLOYABLE");
  });
});

describe("a Read Only key", () => {
  const order = () => vxcOrder({ from: P.globexSydRed.uid, to: P.acmeSydAuto.uid, name: "read only order" });
  const rows: { name: string; call: () => Promise<unknown> }[] = [
    { name: "updateVxc", call: () => as("globexReadOnly").updateVxc(ids.globexLive, { name: "ro" }) },
    { name: "buyVxc", call: () => as("globexReadOnly").buyVxc(order()) },
    { name: "cancelProduct", call: () => as("globexReadOnly").cancelProduct(ids.globexLive, "CANCEL_NOW") },
    { name: "setResourceTags", call: () => as("globexReadOnly").setResourceTags(ids.globexLive, { a: "b" }) },
    {
      name: "setNotificationPreferences",
      call: () =>
        as("globexReadOnly").setNotificationPreferences({
          destinations: { EMAIL: [{ messageGroup: "ORDERING", subscribed: false }] },
        }),
    },
    {
      name: "updateVxc isApproved (the provider's answer)",
      call: () => as("acmeReadOnly").updateVxc(ids.globexPending, { isApproved: true }),
    },
    {
      name: "approveVxcOrder",
      call: () => as("acmeReadOnly").approveVxcOrder(ids.globexPendingApproval, { isApproved: true }),
    },
    { name: "updatePort", call: () => as("acmeReadOnly").updatePort(P.acmeSydRed.uid, { costCentre: "x" }) },
    {
      name: "createServiceKey",
      call: () => as("acmeReadOnly").createServiceKey({ productUid: P.acmeSydRed.uid }),
    },
    {
      name: "setMarketplaceProfile",
      call: () => as("acmeReadOnly").setMarketplaceProfile({ website: "https://x.example" }),
    },
  ];

  it.each(rows)("is refused $name with a 403 ForbiddenError", async ({ call }) => {
    const err = await thrownBy(call);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).status).toBe(403);
    expect((err as ForbiddenError).megaportMessage).toBe(READ_ONLY);
  });

  it("may still read and price an order, and its refused order created nothing", async () => {
    const readOnly = as("globexReadOnly");
    expect((await readOnly.getVxc(ids.globexLive)).productName).toBe("contract vxc");
    const [priced] = await readOnly.validateVxcOrder(order());
    expect(priced.price?.monthlyRate).toBeGreaterThan(0);
    const names = (await readOnly.listProducts()).flatMap((p) =>
      (p.associatedVxcs ?? []).map((v) => v.productName),
    );
    expect(names).not.toContain("read only order");
  });

  it("cannot read another user's notification preferences (EXTENSION, Company Admin only)", async () => {
    const err = await thrownBy(() =>
      as("globexReadOnly").getNotificationPreferences({
        employeeId: SEED.users.globexCompanyAdmin.employeeId,
      }),
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).megaportMessage).toBe(
      "Permission denied: only a Company Admin can read or change another user's notification preferences",
    );
  });
});
