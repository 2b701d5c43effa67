// The named provisioning-state sets, a row per status: which sets hold it. Every wait verdict, refresh and delete
// asks one of these sets, so a status moving in or out of one is a change of behaviour this table makes visible.
import { FINISHED, GONE, IMMINENT, isIn, READY } from "../../../provider/client/provisioning-states";
import { PROVISIONING_STATUSES } from "../../../provider/client/schemas/scalars";

const SETS = { GONE, FINISHED, READY, IMMINENT };
type SetName = keyof typeof SETS;

const MEMBERSHIP: Record<(typeof PROVISIONING_STATUSES)[number], SetName[]> = {
  DESIGN: [],
  NEW: [],
  DEPLOYABLE: [],
  CONFIGURED: ["READY", "IMMINENT"],
  LIVE: ["READY"],
  CANCELLED: ["FINISHED", "IMMINENT"],
  CANCELLED_PARENT: ["FINISHED"],
  DECOMMISSIONING: ["FINISHED"],
  DECOMMISSIONED: ["GONE", "FINISHED"],
  FAILED: ["GONE", "FINISHED"],
  IN_PROGRESS: [],
  ON_HOLD: [],
  SLEEP: [],
};

describe("provisioning-state sets", () => {
  it("the table has a row for every provisioning status", () => {
    expect(Object.keys(MEMBERSHIP).sort()).toEqual([...PROVISIONING_STATUSES].sort());
  });

  it.each(Object.entries(MEMBERSHIP))("%s is in exactly %j", (status, sets) => {
    const holding = (Object.keys(SETS) as SetName[]).filter((name) => isIn(SETS[name], status));
    expect(holding.sort()).toEqual([...sets].sort());
  });

  it("every set holds only provisioning statuses", () => {
    for (const set of Object.values(SETS)) {
      for (const status of set) expect(PROVISIONING_STATUSES).toContain(status);
    }
  });

  it("what is gone is finished too", () => {
    for (const status of GONE) expect(isIn(FINISHED, status)).toBe(true);
  });

  it.each([null, undefined, "", "SOMETHING_NEW"])("%p is in no set", (status) => {
    for (const set of Object.values(SETS)) expect(isIn(set, status)).toBe(false);
  });
});
