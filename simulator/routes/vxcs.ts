/**
 * VXC changes: PUT /v3/product/vxc/{uid} (incl. `isApproved` for the B-end owner) and the legacy
 * PUT /v2/order/vxc/{approvalUid} ({ isApproved, vlan }) the old Java and JS clients used to answer requests.
 */
import { z } from "zod";
import { envelope } from "../envelope";
import { decideApproval, vxcByApprovalUid } from "../domain/approvals";
import { updateVxc } from "../domain/vxc-changes";
import { parseBody, type Route } from "../router";
import { vxcView } from "../views/product-view";
import { int, optional } from "./body-schemas";

// EXTENSION: a denial reason; `reason` is ours, `message` and `comments` are accepted as aliases.
const reasonFields = {
  reason: optional(z.string().max(1000)),
  message: optional(z.string().max(1000)),
  comments: optional(z.string().max(1000)),
};

const VxcUpdateBody = z.object({
  name: optional(z.string()),
  rateLimit: optional(int()),
  costCentre: optional(z.string()),
  shutdown: optional(z.boolean()),
  aEndVlan: optional(int()),
  bEndVlan: optional(int()),
  aEndInnerVlan: optional(int()),
  bEndInnerVlan: optional(int()),
  aEndProductUid: optional(z.string()),
  bEndProductUid: optional(z.string()),
  term: optional(int()),
  isApproved: optional(z.boolean()),
  ...reasonFields,
});

const LegacyApprovalBody = z.object({
  isApproved: z.boolean(),
  vlan: optional(int()),
  ...reasonFields,
});

export const vxcRoutes: Route[] = [
  {
    method: "PUT",
    path: "/v3/product/vxc/:uid",
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const input = parseBody(VxcUpdateBody, body);
      const vxc = updateVxc(store, caller, params.uid, {
        ...input,
        reason: input.reason ?? input.message ?? input.comments,
      });
      return {
        body: envelope(
          `Product [${vxc.productUid}] has been updated`,
          vxcView(store, vxc, caller.companyUid),
        ),
      };
    },
  },
  {
    method: "PUT",
    path: "/v2/order/vxc/:approvalUid",
    auth: true,
    change: true,
    handler: ({ store, caller, params, body }) => {
      const input = parseBody(LegacyApprovalBody, body);
      const vxc = vxcByApprovalUid(store, caller, params.approvalUid);
      decideApproval(store, caller, vxc, {
        approved: input.isApproved,
        vlan: input.vlan,
        reason: input.reason ?? input.message ?? input.comments,
      });
      const verb = input.isApproved ? "approved" : "rejected";
      return {
        body: envelope(`VXC order [${params.approvalUid}] ${verb}`, vxcView(store, vxc, caller.companyUid)),
      };
    },
  },
];
