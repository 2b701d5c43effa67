// Changing a VXC: the body of PUT /v3/product/vxc/{uid} (docs/megaport-api.md §5.3; megaportgo vxc_types.go
// VXCUpdate) and the legacy approval body of PUT /v2/order/vxc/{approvalUid} (§5.3, §9.1). Must never: let
// an unknown field through (a typo would be silently ignored by the API and the change lost).

import { z } from "zod";
import {
  costCentreSchema,
  rateLimitSchema,
  termSchema,
  uidSchema,
  vlanSchema,
  vxcNameSchema,
} from "./scalars";

export const VxcUpdateSchema = z
  .strictObject({
    /** New name, 1–64 characters. */
    name: vxcNameSchema.optional(),
    /** New bandwidth in Mbps. On a Marketplace VXC an increase waits for the provider's approval. */
    rateLimit: rateLimitSchema.optional(),
    costCentre: costCentreSchema.optional(),
    shutdown: z.boolean().optional(),
    /** A-end VLAN; only the A-end owner may change it. */
    aEndVlan: vlanSchema.optional(),
    /** B-end VLAN; only the B-end owner may change it (403 "Only B end owner can change B VLAN"). */
    bEndVlan: vlanSchema.optional(),
    aEndInnerVlan: vlanSchema.optional(),
    bEndInnerVlan: vlanSchema.optional(),
    aEndProductUid: uidSchema.optional(),
    bEndProductUid: uidSchema.optional(),
    aVnicIndex: z.number().int().min(0).optional(),
    bVnicIndex: z.number().int().min(0).optional(),
    term: termSchema.optional(),
    /** Marketplace approval by the provider: true accepts, false rejects (megaportgo "approve or reject"). */
    isApproved: z.boolean().optional(),
    /**
     * EXTENSION (simulator): why the provider denies, shown to the customer. The real API's field for this is not
     * recorded (docs/megaport-api.md §9.1); send it only with isApproved false.
     */
    reason: z.string().max(1000).optional(),
    /** MCR/MVE interface config of the A end (CSP configs cannot change). */
    aEndConfig: z.looseObject({}).optional(),
    bEndConfig: z.looseObject({}).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: "must change at least one field" });
export type VxcUpdate = z.input<typeof VxcUpdateSchema>;

/** Body of the legacy PUT /v2/order/vxc/{vxcApproval.uid} (old Java client approveVxc, megaport.js). */
export const VxcOrderApprovalSchema = z.strictObject({
  /** true accepts the connection request or speed change; false denies it. */
  isApproved: z.boolean(),
  /** The provider-side (B-end) VLAN to use when accepting. */
  vlan: vlanSchema.optional(),
  /** EXTENSION (simulator): why the provider denies, shown to the customer (see VxcUpdateSchema.reason). */
  reason: z.string().max(1000).optional(),
});
export type VxcOrderApproval = z.input<typeof VxcOrderApprovalSchema>;
