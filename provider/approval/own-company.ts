/**
 * Which company an API key acts for: the company of its products, or (a company with no products yet) of its
 * users. Used by the ApprovalPolicy resource and the approver command, which both answer the requests waiting on
 * that company. Must never guess: with neither products nor users it fails with what to check.
 */
import { MegaportError } from "../client/errors";
import { configKey } from "../client/config-key";

/** The two listings it may read; the MegaportClient fits. */
export interface CompanyLookup {
  listProducts(): Promise<readonly { companyUid?: string | null }[]>;
  listUsers(): Promise<readonly Record<string, unknown>[]>;
}

/** The company UID of the key's products, else of its users; `products` saves a listing the caller already has. */
export async function ownCompanyUid(
  client: CompanyLookup,
  products?: readonly { companyUid?: string | null }[],
): Promise<string> {
  const fromProducts = (products ?? (await client.listProducts())).find((p) => p.companyUid)?.companyUid;
  if (fromProducts) return fromProducts;
  const users = await client.listUsers();
  // `companyUid` is not in the client's user schema (megaportgo has companyId); the simulator sends it.
  const uid = users.map((u) => u.companyUid).find((v): v is string => typeof v === "string" && v !== "");
  if (!uid) {
    throw new MegaportError(
      "Could not tell which company the API key belongs to (no products and no users listed); " +
        `check that ${configKey("accessKey")} belongs to the service provider's company.`,
    );
  }
  return uid;
}
