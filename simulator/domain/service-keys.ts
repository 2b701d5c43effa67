/**
 * Service keys: a provider hands a customer a key for one of its ports (docs/megaport-api.md §10). A key can be
 * single-use (then it fixes the provider-side VLAN and is consumed by the first order), limited to a speed and
 * a validity window, switched off, and pre-approved (orders with it skip the provider's approval). Keys are
 * never deleted, only deactivated.
 */
import { randomUUID } from "node:crypto";
import { VLAN } from "../../provider/client/schemas/scalars";
import { conflict, forbidden, refused } from "../domain-error";
import type { Store } from "../store";
import type { ServiceKeyRecord } from "../state";
import { assertMayChange, type Caller } from "./caller";
import { ownPort } from "./vxc-parties";

export interface ServiceKeyInput {
  productUid?: string;
  productId?: number;
  singleUse?: boolean;
  maxSpeed?: number | null;
  active?: boolean;
  preApproved?: boolean | null;
  description?: string;
  vlan?: number | null;
  validFor?: { start?: number | null; end?: number | null } | null;
  promoCode?: string | null;
}

export interface ServiceKeyUpdate extends ServiceKeyInput {
  key: string;
}

/**
 * `maxSpeed` 0 means "no limit of the key's own" (VXCs up to the port's maximum VXC speed), like leaving it out.
 * megaportgo always sends maxSpeed (no omitempty) and Megaport's CLI defaults --max-speed to 0 ("leave empty
 * to skip"), so the real API must take 0 [V megaportgo service_keys.go, megaport-cli servicekeys]; that it
 * means "unlimited" is our reading [I]. (The TF provider notes that a read key's max_speed can come back as the
 * port speed [V comment]; the simulator answers null.)
 */
function maxSpeedOf(maxSpeed: number | null | undefined): number | null | undefined {
  return maxSpeed === 0 ? null : maxSpeed;
}

export function isExpired(key: ServiceKeyRecord, now: number): boolean {
  return key.validTo !== null && now > key.validTo;
}

/** Whether an order could use the key right now (the `valid` field). */
export function isValid(key: ServiceKeyRecord, now: number): boolean {
  const started = key.validFrom === null || now >= key.validFrom;
  const consumed = key.singleUse && key.lastUsed !== null;
  return key.active && started && !isExpired(key, now) && !consumed;
}

function resolveProductUid(store: Store, caller: Caller, input: ServiceKeyInput): string | undefined {
  if (input.productUid !== undefined && input.productId !== undefined) {
    throw refused("Specify either productUid or productId for a service key, not both");
  }
  const ref = input.productUid ?? (input.productId !== undefined ? String(input.productId) : undefined);
  return ref === undefined ? undefined : ownPort(store, caller, ref).productUid;
}

function checkRules(store: Store, key: ServiceKeyRecord): void {
  if (key.singleUse && key.vlan === null) throw refused("A single-use service key needs a VLAN");
  if (!key.singleUse && key.vlan !== null) throw refused("Only a single-use service key can fix a VLAN");
  if (key.vlan !== null && (!Number.isInteger(key.vlan) || key.vlan < VLAN.min || key.vlan > VLAN.max)) {
    throw refused(`Invalid service key VLAN ${key.vlan}: it must be between ${VLAN.min} and ${VLAN.max}`);
  }
  const port = store.port(key.productUid);
  if (key.maxSpeed !== null && (key.maxSpeed < 1 || key.maxSpeed > port.maxVxcSpeed)) {
    throw refused(
      `Invalid service key maxSpeed ${key.maxSpeed}: it must be between 1 and the port's maximum VXC speed of ${port.maxVxcSpeed} Mbps`,
    );
  }
  if (key.validFrom !== null && key.validTo !== null && key.validTo < key.validFrom) {
    throw refused("Invalid service key validFor: end is before start");
  }
}

export function createServiceKey(store: Store, caller: Caller, input: ServiceKeyInput): ServiceKeyRecord {
  assertMayChange(caller);
  const productUid = resolveProductUid(store, caller, input);
  if (!productUid) throw refused("A service key needs a productUid or productId");
  const key: ServiceKeyRecord = {
    key: randomUUID(),
    companyUid: caller.companyUid,
    productUid,
    description: input.description ?? "",
    createDate: store.now(),
    singleUse: input.singleUse ?? false,
    maxSpeed: maxSpeedOf(input.maxSpeed) ?? null,
    vlan: input.vlan ?? null,
    preApproved: input.preApproved ?? false,
    active: input.active ?? true,
    validFrom: input.validFor?.start ?? null,
    validTo: input.validFor?.end ?? null,
    lastUsed: null,
    promoCode: input.promoCode ?? null,
  };
  checkRules(store, key);
  store.state.serviceKeys.push(key);
  store.markChanged();
  return key;
}

export function ownServiceKey(store: Store, caller: Caller, key: string): ServiceKeyRecord {
  const record = store.serviceKey(key);
  if (!record || record.companyUid !== caller.companyUid) throw refused(`Service key ${key} does not exist`);
  return record;
}

export function updateServiceKey(store: Store, caller: Caller, input: ServiceKeyUpdate): ServiceKeyRecord {
  assertMayChange(caller);
  const current = ownServiceKey(store, caller, input.key);
  const productUid = resolveProductUid(store, caller, input) ?? current.productUid;
  const next: ServiceKeyRecord = {
    ...current,
    productUid,
    description: input.description ?? current.description,
    singleUse: input.singleUse ?? current.singleUse,
    maxSpeed: input.maxSpeed === undefined ? current.maxSpeed : (maxSpeedOf(input.maxSpeed) ?? null),
    vlan: input.vlan === undefined ? current.vlan : input.vlan,
    preApproved:
      input.preApproved === undefined || input.preApproved === null ? current.preApproved : input.preApproved,
    active: input.active ?? current.active,
    validFrom: input.validFor?.start === undefined ? current.validFrom : input.validFor.start,
    validTo: input.validFor?.end === undefined ? current.validTo : input.validFor.end,
    promoCode: input.promoCode === undefined ? current.promoCode : input.promoCode,
  };
  checkRules(store, next);
  Object.assign(current, next);
  store.markChanged();
  return current;
}

export interface ServiceKeyFilter {
  productIdOrUid?: string;
  /** Only the caller's own company, by UID or numeric id; another company's keys are a 403. */
  companyIdOrUid?: string;
}

/** The caller's company's keys, optionally of one of its products. */
export function listServiceKeys(
  store: Store,
  caller: Caller,
  { productIdOrUid, companyIdOrUid }: ServiceKeyFilter = {},
): ServiceKeyRecord[] {
  if (companyIdOrUid !== undefined) {
    const own = store.company(caller.companyUid);
    const isOwn =
      companyIdOrUid.toLowerCase() === own.companyUid.toLowerCase() ||
      companyIdOrUid === String(own.companyId);
    if (!isOwn) {
      throw forbidden(
        `Permission denied: you can only list the service keys of your own company, not ${companyIdOrUid}`,
      );
    }
  }
  const productUid =
    productIdOrUid === undefined ? undefined : ownPort(store, caller, productIdOrUid).productUid;
  return store.state.serviceKeys.filter(
    (k) => k.companyUid === caller.companyUid && (productUid === undefined || k.productUid === productUid),
  );
}

/** The key an order names, if it can be used for an order at `rateLimit` right now; else the reason why not. */
export function usableServiceKey(store: Store, key: string, rateLimit: number): ServiceKeyRecord {
  const record = store.serviceKey(key);
  const now = store.now();
  if (!record) throw refused(`Service key ${key} does not exist`);
  if (!record.active) throw refused(`Service key ${key} is not active`);
  if (record.validFrom !== null && now < record.validFrom) {
    throw refused(`Service key ${key} is not valid until ${new Date(record.validFrom).toISOString()}`);
  }
  if (isExpired(record, now)) throw refused(`Service key ${key} has expired`);
  if (record.singleUse && record.lastUsed !== null) throw refused(`Service key ${key} has already been used`);
  assertWithinKeySpeed(record, rateLimit);
  return record;
}

/** A VXC ordered with a key may not go faster than the key's `maxSpeed` (none: no limit of its own). */
export function assertWithinKeySpeed(key: ServiceKeyRecord, rateLimit: number): void {
  if (key.maxSpeed !== null && rateLimit > key.maxSpeed) {
    throw refused(
      `Rate limit ${rateLimit} Mbps exceeds the service key's maximum speed of ${key.maxSpeed} Mbps`,
    );
  }
}

/** Record a use; a single-use key cannot be used again. */
export function consumeServiceKey(store: Store, record: ServiceKeyRecord): void {
  if (record.singleUse && record.lastUsed !== null)
    throw conflict(`Service key ${record.key} has already been used`);
  record.lastUsed = store.now();
  store.markChanged();
}
