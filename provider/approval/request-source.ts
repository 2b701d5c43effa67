/**
 * Where the approver learns which requests wait on us: ONE small seam, so the way we poll can change without
 * touching the decisions. Today it scans `GET /v2/products` (the only listing the real API is known to offer for
 * Marketplace requests, docs/megaport-api.md §9.1); a source backed by `GET /v3/order_approvals?status=PENDING` (being
 * added to the client and simulator), or by the watcher once its cadence and the request budget with priorities
 * land, implements the same interface.
 *
 * Must never answer anything (it only lists), and never turn a VXC it cannot read fully into a request: such a VXC
 * is reported as undecidable and left for a person.
 */
import type { ApprovalRequest } from "./policy-schema";
import { type ProductWithVxcs, pendingRequestsFrom } from "./pending-requests";

/** A VXC pending on us that no rule can be applied to, and why (it stays for a person). */
export interface UndecidableRequest {
  vxcUid: string;
  why: string;
}

/** One look at what waits on us. */
export interface PendingListing {
  requests: ApprovalRequest[];
  undecidable: UndecidableRequest[];
}

/** The seam: lists the requests waiting on our company. Called once per approver cycle. */
export interface PendingRequestSource {
  listPending(options?: { signal?: AbortSignal }): Promise<PendingListing>;
}

/** What the product scan needs of the client (the MegaportClient fits). */
export interface ProductLister {
  listProducts(options?: { signal?: AbortSignal }): Promise<readonly ProductWithVxcs[]>;
}

/**
 * Requests found by walking our products' `associatedVxcs` (pending-requests.ts): one `GET /v2/products` per
 * call, whatever the number of requests.
 *
 * Where `/v3/order_approvals` plugs in: a `PendingRequestSource` whose `listPending` pages through
 * `listOrderApprovals({ status: "PENDING" })` and maps each item of type NEW_ORDER or SPEED_CHANGE to an
 * ApprovalRequest (the VXC by `serviceId`), reporting the ones it cannot map as undecidable.
 */
export function productScanSource(client: ProductLister, ownCompanyUid: string): PendingRequestSource {
  return {
    async listPending(options = {}) {
      const products = await client.listProducts({ signal: options.signal });
      const undecidable: UndecidableRequest[] = [];
      const requests = pendingRequestsFrom(products, ownCompanyUid, {
        onSkipped: (vxcUid, why) => undecidable.push({ vxcUid, why }),
      });
      return { requests, undecidable };
    },
  };
}
