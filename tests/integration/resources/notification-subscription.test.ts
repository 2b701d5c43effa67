// NotificationSubscription: check names the field and the allowed groups, diff replaces only for a different user,
// and create/read/update/delete against a real simulator subscribe exactly the declared groups for a user whose
// role may subscribe, and fail clearly, naming the role, for one whose role may not.
import { MegaportClient } from "../../../provider/client/megaport-client";
import { SUBSCRIBABLE_MESSAGE_GROUPS } from "../../../provider/client/schemas/notification-preferences";
import { provider } from "../../../provider/resources/notification-subscription";
import type { NotificationSubscriptionOutputs } from "../../../provider/kinds/notification-subscription/notification-subscription-schema";
import { hiddenInputs } from "../../support/hidden-inputs";
import { startTestSimulator, type Simulator } from "../../support/simulator";
import { SEED } from "../../../simulator/seed";
import { clientFor, pointProviderAt } from "../../support/simulator-clients";
import { failureAt } from "../../support/check-failures";

const HIDDEN = hiddenInputs();
const ALLOWED = "use one of Security, Ordering, Financial, People, Company, Services";
const contact = SEED.users.acmeTechnicalContact;

describe("NotificationSubscription check", () => {
  const rows: { name: string; inputs: Record<string, unknown>; property: string; message: string }[] = [
    {
      name: "an unknown group",
      inputs: { user: contact.email, groups: ["Ordering", "Billing"] },
      property: "groups[1]",
      message: `unknown group "Billing": ${ALLOWED}`,
    },
    {
      name: "a group that is not a name",
      inputs: { user: contact.email, groups: [3] },
      property: "groups[0]",
      message: "each group must be a name",
    },
    {
      name: "no groups",
      inputs: { user: contact.email, groups: [] },
      property: "groups",
      message: "groups must name at least one of",
    },
    {
      name: "groups that are not a list",
      inputs: { user: contact.email, groups: "Ordering" },
      property: "groups",
      message: "groups must be a list of group names",
    },
    {
      name: "no user",
      inputs: { groups: ["Ordering"] },
      property: "user",
      message: "user must be the user's email, employeeId or personUid",
    },
    {
      name: "a blank user",
      inputs: { user: " ", groups: ["Ordering"] },
      property: "user",
      message: "user must not be empty",
    },
    {
      name: "a negative employeeId",
      inputs: { user: -4, groups: ["Ordering"] },
      property: "user",
      message: "user as an employeeId must be a positive whole number",
    },
    {
      name: "a user that is neither text nor a number",
      inputs: { user: true, groups: ["Ordering"] },
      property: "user",
      message: "user must be the user's email, employeeId or personUid",
    },
    {
      name: "a misspelt key",
      inputs: { user: contact.email, group: ["Ordering"] },
      property: "group",
      message: 'unknown field "group": remove it or correct its spelling',
    },
  ];

  it.each(rows)("rejects $name, naming property '$property'", async ({ inputs, property, message }) => {
    const result = await provider.check({} as never, inputs as never);
    expect(result.inputs).toBeUndefined();
    expect(result.failures).toEqual(expect.arrayContaining([failureAt(property, message)]));
  });

  it("normalises group names to the API's spelling, in one order, without duplicates", async () => {
    const result = await provider.check(
      {} as never,
      {
        user: contact.email,
        groups: ["services", " Security", "SECURITY", "ordering"],
        ...HIDDEN,
      } as never,
    );
    expect(result).toEqual({
      inputs: { user: contact.email, groups: ["SECURITY", "ORDERING", "SERVICES"], ...HIDDEN },
    });
  });
});

describe("NotificationSubscription diff", () => {
  const olds = {
    user: contact.email,
    groups: ["ORDERING"],
    ...HIDDEN,
    employeeId: contact.employeeId,
    personUid: contact.personUid,
    email: contact.email,
    position: "Technical Contact",
    subscribedGroups: ["ORDERING"],
    groupsBefore: null,
  } as NotificationSubscriptionOutputs;
  const rows: { name: string; change: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
    { name: "nothing changed", change: {}, changes: false, replaces: [] },
    {
      name: "only hidden keys changed",
      change: { __idempotencyKey: "x", __provider: "new" },
      changes: false,
      replaces: [],
    },
    { name: "the groups", change: { groups: ["ORDERING", "SERVICES"] }, changes: true, replaces: [] },
    {
      name: "another user",
      change: { user: SEED.users.acmeTechnicalAdmin.email },
      changes: true,
      replaces: ["user"],
    },
    {
      name: "the same user by employeeId",
      change: { user: contact.employeeId },
      changes: true,
      replaces: [],
    },
    {
      name: "the same user by personUid",
      change: { user: contact.personUid.toUpperCase() },
      changes: true,
      replaces: [],
    },
  ];

  it.each(rows)("$name: changes=$changes, replaces=$replaces", async ({ change, changes, replaces }) => {
    const news = { user: contact.email, groups: ["ORDERING"], ...HIDDEN, ...change };
    expect(await provider.diff(String(contact.employeeId), olds, news as never)).toEqual({
      changes,
      replaces,
    });
  });
});

describe("NotificationSubscription against the simulator", () => {
  let sim: Simulator;
  let admin: MegaportClient;
  const savedEnv = { ...process.env };
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);

  beforeAll(async () => {
    sim = await startTestSimulator();
    const key = SEED.apiKeys.acmeAdmin;
    pointProviderAt(sim, key);
    admin = clientFor(sim, key);
  });

  afterAll(async () => {
    process.env = savedEnv;
    log.mockRestore();
    await sim?.close();
  });

  const subscribed = async (employeeId: number) =>
    ((await admin.getNotificationPreferences({ employeeId })).destinations.EMAIL ?? [])
      .filter((p) => p.subscribed)
      .map((p) => p.messageGroup);

  it("subscribes a Technical Contact to exactly the declared groups", async () => {
    const { id, outs } = await provider.create({
      user: contact.email,
      groups: ["ORDERING", "COMPANY"],
      ...HIDDEN,
    });
    expect(id).toBe(String(contact.employeeId));
    expect(outs).toEqual({
      user: contact.email,
      groups: ["ORDERING", "COMPANY"],
      ...HIDDEN,
      employeeId: contact.employeeId,
      personUid: contact.personUid,
      email: contact.email,
      position: "Technical Contact",
      subscribedGroups: ["ORDERING", "COMPANY"],
      groupsBefore: ["SERVICES"],
    });
    // Seeded with SERVICES, which is not declared, so it is turned off (and given back on delete).
    expect(await subscribed(contact.employeeId)).toEqual(["ORDERING", "COMPANY"]);
  });

  it("refuses a Finance user, naming the user, the role and who may subscribe", async () => {
    const finance = SEED.users.acmeFinance;
    await expect(
      provider.create({ user: finance.email, groups: ["FINANCIAL"], ...HIDDEN }),
    ).rejects.toMatchObject({
      code: "MX_VALIDATION",
      fieldPath: "user",
      message: expect.stringMatching(
        new RegExp(
          `${finance.email}\\) has the Finance role, and only Company Admin, Technical Admin or Technical Contact users can subscribe`,
        ),
      ),
    });
  });

  it("check at preview refuses a user whose role may not subscribe, naming the user, the role and the roles that may", async () => {
    const finance = SEED.users.acmeFinance;
    const result = await provider.check(
      {} as never,
      { user: finance.email, groups: ["Financial"], ...HIDDEN } as never,
    );
    expect(result.failures).toEqual([
      failureAt(
        "user",
        `${finance.email}) has the Finance role, and only Company Admin, Technical Admin or Technical Contact users can subscribe`,
      ),
    ]);
  });

  it("check at preview refuses a user of another company", async () => {
    const theirs = SEED.users.globexTechnicalContact.email;
    const result = await provider.check(
      {} as never,
      { user: theirs, groups: ["Ordering"], ...HIDDEN } as never,
    );
    expect(result.failures).toEqual([failureAt("user", `no user "${theirs}" in this company`)]);
  });

  it("check at preview passes a Technical Contact, and leaves a user not known until apply to create", async () => {
    const ok = await provider.check(
      {} as never,
      { user: contact.email, groups: ["Ordering"], ...HIDDEN } as never,
    );
    expect(ok.failures).toBeUndefined();
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // @pulumi/pulumi's value for "unknown during preview"
    const later = await provider.check(
      {} as never,
      { user: unknown, groups: ["Ordering"], ...HIDDEN } as never,
    );
    expect(later.failures).toBeUndefined();
  });

  it("refuses a user the company does not have", async () => {
    await expect(
      provider.create({ user: SEED.users.globexTechnicalContact.email, groups: ["ORDERING"], ...HIDDEN }),
    ).rejects.toMatchObject({
      code: "MX_VALIDATION",
      fieldPath: "user",
      message: expect.stringContaining("no user"),
    });
  });

  it("read shows groups changed in the portal, in props and in inputs", async () => {
    const { id, outs } = await provider.create({ user: contact.employeeId, groups: ["ORDERING"], ...HIDDEN });
    await admin.setNotificationPreferences(
      { destinations: { EMAIL: [{ messageGroup: "SECURITY", subscribed: true }] } },
      { employeeId: contact.employeeId },
    );
    const read = await provider.read(id, outs as NotificationSubscriptionOutputs);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({
      groups: ["SECURITY", "ORDERING"],
      subscribedGroups: ["SECURITY", "ORDERING"],
    });
    expect(read.inputs).toEqual({ user: contact.employeeId, groups: ["SECURITY", "ORDERING"], ...HIDDEN });
  });

  it("update changes the groups in place and returns the full outputs", async () => {
    const { id, outs: olds } = await provider.create({
      user: contact.personUid,
      groups: ["ORDERING"],
      ...HIDDEN,
    });
    const { outs } = await provider.update(id, olds as NotificationSubscriptionOutputs, {
      user: contact.personUid,
      groups: ["PEOPLE", "SERVICES"],
      ...HIDDEN,
    });
    expect(outs).toMatchObject({
      groups: ["PEOPLE", "SERVICES"],
      subscribedGroups: ["PEOPLE", "SERVICES"],
      employeeId: contact.employeeId,
      position: "Technical Contact",
    });
    expect(await subscribed(contact.employeeId)).toEqual(["PEOPLE", "SERVICES"]);
  });

  it("delete gives back the groups the user had before the resource, even after an update, and can run twice", async () => {
    const only = (groups: string[]) => ({
      destinations: {
        EMAIL: SUBSCRIBABLE_MESSAGE_GROUPS.map((messageGroup) => ({
          messageGroup,
          subscribed: groups.includes(messageGroup),
        })),
      },
    });
    await admin.setNotificationPreferences(only(["SECURITY", "COMPANY"]), { employeeId: contact.employeeId });
    const { id, outs } = await provider.create({ user: contact.email, groups: ["SERVICES"], ...HIDDEN });
    expect(outs).toMatchObject({ groupsBefore: ["SECURITY", "COMPANY"], subscribedGroups: ["SERVICES"] });
    const updated = await provider.update(id, outs as NotificationSubscriptionOutputs, {
      user: contact.email,
      groups: ["ORDERING"],
      ...HIDDEN,
    });
    expect(updated.outs).toMatchObject({
      groupsBefore: ["SECURITY", "COMPANY"],
      subscribedGroups: ["ORDERING"],
    });
    await provider.delete(id, updated.outs as NotificationSubscriptionOutputs);
    expect(await subscribed(contact.employeeId)).toEqual(["SECURITY", "COMPANY"]);
    await expect(
      provider.delete(id, updated.outs as NotificationSubscriptionOutputs),
    ).resolves.toBeUndefined();
    expect(await subscribed(contact.employeeId)).toEqual(["SECURITY", "COMPANY"]);
  });

  it("delete of state written before groupsBefore turns off only its own groups", async () => {
    const { id, outs } = await provider.create({ user: contact.email, groups: ["SERVICES"], ...HIDDEN });
    await admin.setNotificationPreferences(
      { destinations: { EMAIL: [{ messageGroup: "COMPANY", subscribed: true }] } },
      { employeeId: contact.employeeId },
    );
    const older = { ...outs, groupsBefore: null } as NotificationSubscriptionOutputs;
    await provider.delete(id, older);
    expect(await subscribed(contact.employeeId)).toEqual(["COMPANY"]);
  });

  it("treats a user who is gone as deleted", async () => {
    const props = {
      user: "gone@acme.example",
      groups: ["SERVICES"],
      employeeId: 99999,
    } as NotificationSubscriptionOutputs;
    await expect(provider.delete("99999", props)).resolves.toBeUndefined();
    expect(await provider.read("99999", props)).toEqual({});
  });
});
