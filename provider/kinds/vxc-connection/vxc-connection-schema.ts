// The VxcConnection's inputs and outputs: one zod schema gives the check, the TypeScript types and the SDK's args.
// What the user asked for (inputs) and what Megaport assigned (outputs named assigned*/chosen*) are kept apart, so a
// provider that picks another B-end VLAN, or a lookup that picked a port, never shows up as a diff.
import { z } from "zod";
import {
  costCentreSchema,
  freeText,
  MAX_COMPANY_NAME_LENGTH,
  MAX_LOOKUP_NAME_LENGTH,
  productUidSchema,
  rateLimitSchema,
  READY_PROVISIONING_STATUSES,
  serviceKeySchema,
  termSchema,
  vlanSchema,
  vxcNameSchema,
} from "../../client/schemas/scalars";
import { IDENTIFIES, inputFields } from "../input-fields";

/** How a replacement that needs what the old VXC holds is made: see `moveStrategy`. */
export const MOVE_STRATEGIES = ["make-before-break", "delete-first"] as const;
export type MoveStrategy = (typeof MOVE_STRATEGIES)[number];

/** Largest rate limit any Megaport port carries, in Mbps; the port's own maxVxcSpeed is checked by the API. */
export const MAX_RATE_LIMIT_MBPS = 100_000;

/** A name to look something up by: plain text, 1 to `max` characters (ours; the API publishes no limit). */
function lookupName(max: number) {
  return freeText(
    z
      .string()
      .min(1, { error: "must not be empty" })
      .max(max, { error: `must be at most ${max} characters` }),
  );
}

export const VxcAEndSchema = z.strictObject({
  /** UID of your own port or MCR the VXC starts from. Changing it replaces the VXC. */
  productUid: productUidSchema,
  /** VLAN on your A-end port: 2–4093, 0 (default) to let Megaport choose, -1 untagged. Updates in place. */
  vlan: vlanSchema.optional(),
});

export const VxcBEndSchema = z.strictObject({
  /** UID of the provider's port, when you know it. Changing it replaces the VXC. */
  productUid: productUidSchema.optional(),
  /**
   * The provider's company name on the Marketplace (case-insensitive), to look its port up, at most 128 characters
   * of plain text. Replaces on change.
   */
  providerName: lookupName(MAX_COMPANY_NAME_LENGTH).optional(),
  /**
   * With providerName: the provider company's UID, when more than one company trades under that name (the lookup
   * then fails and lists them). Naming the company the VXC already goes to changes nothing; naming another
   * replaces the VXC.
   */
  providerCompanyUid: productUidSchema.optional(),
  /**
   * With providerName: the location, as a Megaport location id or its exact name (at most 128 characters).
   * Replaces on change.
   */
  location: z.union([z.number().int().positive(), lookupName(MAX_LOOKUP_NAME_LENGTH)]).optional(),
  /**
   * With providerName: the provider's port name (its title on the Marketplace), at most 128 characters. Replaces on
   * change.
   */
  portName: lookupName(MAX_LOOKUP_NAME_LENGTH).optional(),
  /**
   * With providerName and no portName: only consider provider ports in the A-end port's diversity zone. Replaces
   * on change.
   */
  sameDiversityZone: z.boolean().optional(),
  /**
   * The B-end VLAN you request (2–4093, 0 for the provider to choose). The provider may assign another when it
   * accepts; that shows in `assignedBEndVlan` and is not a diff. Only the B-end owner may change it later, so a
   * change replaces the VXC.
   */
  vlan: vlanSchema.optional(),
});

export const VxcConnectionInputsSchema = z
  .strictObject({
    /**
     * The VXC's name, 1–64 characters of plain text (no control or invisible formatting characters, no HTML tags;
     * not only spaces): the provider reads it in the Portal and in the approval email. Updates in place.
     */
    name: vxcNameSchema,
    /** Rate limit in Mbps. An increase waits for the provider to accept it; a decrease applies at once. */
    rateLimit: rateLimitSchema.max(MAX_RATE_LIMIT_MBPS, {
      error: `must be at most ${MAX_RATE_LIMIT_MBPS} Mbps`,
    }),
    /** Your end of the VXC. */
    aEnd: VxcAEndSchema,
    /** The provider's end: a port UID, or a lookup by provider name. Leave out when ordering with a serviceKey. */
    bEnd: VxcBEndSchema.optional(),
    /** A service key the provider gave you; the B-end comes from the key. Secret. Changing it replaces the VXC. */
    serviceKey: serviceKeySchema.optional(),
    /** Contract term in months: 1 (default), 12, 24, 36, 48 or 60. Updates in place. */
    term: termSchema.optional(),
    /** Cost centre for your invoices, up to 255 characters of plain text. Updates in place. */
    costCentre: costCentreSchema.optional(),
    /** When create and update count the VXC as ready: "LIVE" (default) or "CONFIGURED". Updates in place. */
    readyWhen: z
      .enum(READY_PROVISIONING_STATUSES, { error: `must be ${READY_PROVISIONING_STATUSES.join(" or ")}` })
      .optional(),
    /**
     * UID of a VXC that already exists (made in the portal) to bring under management instead of ordering one.
     * Its ends must match aEnd and bEnd. The dynamic resources cannot use `pulumi import` (the plugin's can);
     * this is their way in.
     * Naming another VXC replaces; adding or removing it for the VXC already held changes nothing.
     */
    adoptUid: productUidSchema.optional(),
    /**
     * How a replacement that keeps the A-end port and a fixed A-end VLAN (a move to another provider port) is made.
     * "make-before-break" (default): the new VXC is ordered on a free A-end VLAN and the old one stays LIVE until
     * the provider has accepted the new one and it is LIVE; then the old one is cancelled and the new one moves to
     * the declared VLAN in place. A denial or a deadline leaves the old VXC LIVE and in the stack. Where that is
     * impossible (no free VLAN on the A-end port, a kept service key, a fixed B-end VLAN on the same B-end port),
     * preview refuses and names the reason. "delete-first": cancel the old VXC before ordering the new one; the
     * connection is down until the provider accepts the new one and it is LIVE. A change of it alone changes
     * nothing on Megaport.
     */
    moveStrategy: z.enum(MOVE_STRATEGIES, { error: `must be ${MOVE_STRATEGIES.join(" or ")}` }).optional(),
  })
  .superRefine((inputs, ctx) => {
    const b = inputs.bEnd ?? {};
    const ways = [
      b.productUid && "bEnd.productUid",
      b.providerName && "bEnd.providerName",
      inputs.serviceKey && "serviceKey",
    ];
    const given = ways.filter(Boolean);
    if (given.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["bEnd"],
        message:
          "say where the VXC goes: set bEnd.productUid, or bEnd.providerName (with location/portName), or serviceKey",
      });
    } else if (given.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["bEnd"],
        message: `give only one of bEnd.productUid, bEnd.providerName and serviceKey (got ${given.join(" and ")})`,
      });
    }
    if (
      !b.providerName &&
      (b.location !== undefined ||
        b.portName ||
        b.sameDiversityZone !== undefined ||
        b.providerCompanyUid !== undefined)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["bEnd", "providerName"],
        message:
          "bEnd.location, bEnd.portName, bEnd.sameDiversityZone and bEnd.providerCompanyUid only apply with " +
          "bEnd.providerName: set it",
      });
    }
  });

export type VxcConnectionInputs = z.output<typeof VxcConnectionInputsSchema>;
/** What users write (the SDK's args, before Pulumi's Input wrapping). */
export type VxcConnectionArgsShape = z.input<typeof VxcConnectionInputsSchema>;

/**
 * What a change to each input does. The ends, the service key and the adopted UID identify the VXC a resource holds
 * (its order tag), so a change replaces; the B-end VLAN too: only the provider may change it once ordered (the API
 * answers 403 "Only B end owner can change B VLAN"). A pinned company is not part of the order tag, so pinning the
 * company the VXC goes to never orders again; an adoptUid naming the VXC already held must not replace, or the
 * replace would order a new VXC and cancel the very one adopted.
 */
export const VXC_INPUTS = inputFields<typeof VxcConnectionInputsSchema, VxcConnectionOutputs>(
  VxcConnectionInputsSchema,
  {
    name: "updates",
    rateLimit: "waits-for-provider",
    "aEnd.productUid": IDENTIFIES,
    "aEnd.vlan": "updates",
    "bEnd.productUid": IDENTIFIES,
    "bEnd.providerName": IDENTIFIES,
    "bEnd.providerCompanyUid": {
      change: "replaces",
      identifies: false,
      if: {
        test: (olds, news) => {
          const held = olds.providerCompanyUid?.toLowerCase();
          const names = (uid: string | null | undefined) => uid == null || uid.toLowerCase() === held;
          return !(names(olds.bEnd?.providerCompanyUid) && names(news.bEnd?.providerCompanyUid));
        },
        otherwise: "nothing",
        description:
          "replaces the resource when it names another company than the one the VXC goes to; adding, removing " +
          "or respelling the one it goes to changes nothing",
      },
    },
    "bEnd.location": IDENTIFIES,
    "bEnd.portName": IDENTIFIES,
    "bEnd.sameDiversityZone": IDENTIFIES,
    "bEnd.vlan": IDENTIFIES,
    serviceKey: IDENTIFIES,
    term: "updates",
    costCentre: "updates",
    readyWhen: "updates",
    adoptUid: {
      ...IDENTIFIES,
      if: {
        test: (olds, news, id) => {
          const names = (uid: string | null | undefined) => uid == null || uid === id;
          return !(names(olds.adoptUid) && names(news.adoptUid));
        },
        otherwise: "nothing",
        description:
          "replaces the resource when it names another VXC than the one this resource holds; adding or " +
          "removing the one it holds changes nothing",
      },
    },
    moveStrategy: "records",
  },
);
export type VxcInputPath = (typeof VXC_INPUTS.paths)[number];

/** Inputs kept secret in state and never echoed in a check failure: a service key lets anyone order to its port. */
export const VXC_SECRET_INPUTS = ["serviceKey"] as const;

/** What Megaport holds and assigned, beside the inputs: the outputs the SDK declares, each documented here once. */
export const VxcConnectionComputedSchema = z.object({
  /** The VXC's product UID (also the resource id). */
  vxcUid: z.string(),
  /** DEPLOYABLE, CONFIGURED, LIVE, … as Megaport reports it. */
  provisioningStatus: z.string(),
  /**
   * vxcApproval.status: PENDING_EXTERNAL while the provider must act; after a denial REJECTED or EXPIRED (the
   * provider's last answer, kept until the next request); null once nothing is pending.
   */
  approvalStatus: z.string().nullable(),
  /**
   * The rate limit (Mbps) of a speed change the provider has not answered yet; null once it is answered
   * (accepted, rejected or expired) or when none was asked.
   */
  pendingRateLimit: z.number().nullable(),
  /** The A-end VLAN Megaport assigned. */
  assignedAEndVlan: z.number().nullable(),
  /** The B-end VLAN the provider assigned (may differ from bEnd.vlan). */
  assignedBEndVlan: z.number().nullable(),
  /** The provider port the VXC goes to: as given, looked up, or from the service key. */
  chosenBEndProductUid: z.string(),
  /** That port's name on the Marketplace. */
  chosenBEndPortName: z.string().nullable(),
  /** The provider's trading name, as the Marketplace listed it when the port was chosen. */
  providerCompanyName: z.string().nullable(),
  /** The provider company's UID: the company the VXC goes to, whatever name it trades under. */
  providerCompanyUid: z.string().nullable(),
  /**
   * What Megaport quotes per month for the VXC, after discounts, in `quotedCurrency`. Set when the VXC is
   * ordered (validate's `price.monthlyRate`), and asked again (the price book, POST /v4/pricebook/product) each
   * time an update or a refresh finds the rate limit or term changed: after an accepted speed increase, a
   * decrease, or a new term. Null for a VXC adopted rather than ordered until its first such change, when the
   * order answer was lost, or when the last change could not be priced.
   */
  quotedMonthlyRate: z.number().nullable(),
  /** The currency of quotedMonthlyRate, e.g. "AUD". */
  quotedCurrency: z.string().nullable(),
});
export type VxcConnectionComputed = z.output<typeof VxcConnectionComputedSchema>;
export type VxcConnectionOutputs = VxcConnectionInputs & VxcConnectionComputed;
