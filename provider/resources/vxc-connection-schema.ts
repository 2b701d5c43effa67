// The VxcConnection's inputs and outputs: one zod schema gives the check, the TypeScript types and the SDK's args.
// What the user asked for (inputs) and what Megaport assigned (outputs named assigned*/chosen*) are kept apart, so a
// provider that picks another B-end VLAN, or a lookup that picked a port, never shows up as a diff.
import { z } from "zod";

/** Contract terms Megaport accepts, in months. */
export const VXC_TERMS = [1, 12, 24, 36, 48, 60] as const;
/** What "ready" may mean: LIVE (default) or CONFIGURED, which Megaport's own tools accept. */
export const READY_STATES = ["LIVE", "CONFIGURED"] as const;
/** Largest rate limit any Megaport port carries, in Mbps; the port's own maxVxcSpeed is checked by the API. */
export const MAX_RATE_LIMIT_MBPS = 100_000;

const uid = (field: string) =>
  z
    .string({ error: `${field} must be a product UID string` })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
      error: `${field} must be a Megaport product UID such as "a1b2c3d4-…" (copy it from the portal or GET /v2/products)`,
    });

const vlan = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ error: `${field} must be a whole number` })
    .refine((v) => v === 0 || v === -1 || (v >= 2 && v <= 4093), {
      error: `${field} must be 2–4093, or 0 to let Megaport choose, or -1 for untagged`,
    });

export const VxcAEndSchema = z.strictObject({
  /** UID of your own port or MCR the VXC starts from. Changing it replaces the VXC. */
  productUid: uid("aEnd.productUid"),
  /** VLAN on your A-end port: 2–4093, 0 (default) to let Megaport choose, -1 untagged. Updates in place. */
  vlan: vlan("aEnd.vlan").optional(),
});

export const VxcBEndSchema = z.strictObject({
  /** UID of the provider's port, when you know it. Changing it replaces the VXC. */
  productUid: uid("bEnd.productUid").optional(),
  /** The provider's company name on the Marketplace (case-insensitive), to look its port up. Replaces on change. */
  providerName: z.string().min(1).optional(),
  /**
   * With providerName: the provider company's UID, when more than one company trades under that name (the lookup
   * then fails and lists them). Naming the company the VXC already goes to changes nothing; naming another
   * replaces the VXC.
   */
  providerCompanyUid: uid("bEnd.providerCompanyUid").optional(),
  /** With providerName: the location, as a Megaport location id or its exact name. Replaces on change. */
  location: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
  /** With providerName: the provider's port name (its title on the Marketplace). Replaces on change. */
  portName: z.string().min(1).optional(),
  /** With providerName and no portName: only consider provider ports in the A-end port's diversity zone. */
  sameDiversityZone: z.boolean().optional(),
  /**
   * The B-end VLAN you request (2–4093, 0 for the provider to choose). The provider may assign another when it
   * accepts; that shows in `assignedBEndVlan` and is not a diff. Only the B-end owner may change it later, so a
   * change replaces the VXC.
   */
  vlan: vlan("bEnd.vlan").optional(),
});

export const VxcConnectionInputsSchema = z
  .strictObject({
    /** The VXC's name, 1–64 characters. Updates in place. */
    name: z
      .string({ error: "name must be a string" })
      .min(1, { error: "name must not be empty" })
      .max(64, { error: "name must be at most 64 characters" }),
    /** Rate limit in Mbps. An increase waits for the provider to accept it; a decrease applies at once. */
    rateLimit: z
      .number({ error: "rateLimit must be a number of Mbps" })
      .int({ error: "rateLimit must be a whole number of Mbps" })
      .min(1, { error: "rateLimit must be at least 1 Mbps" })
      .max(MAX_RATE_LIMIT_MBPS, { error: `rateLimit must be at most ${MAX_RATE_LIMIT_MBPS} Mbps` }),
    /** Your end of the VXC. */
    aEnd: VxcAEndSchema,
    /** The provider's end: a port UID, or a lookup by provider name. Leave out when ordering with a serviceKey. */
    bEnd: VxcBEndSchema.optional(),
    /** A service key the provider gave you; the B-end comes from the key. Secret. Changing it replaces the VXC. */
    serviceKey: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
        error: "serviceKey must be the 36-character key the provider gave you",
      })
      .optional(),
    /** Contract term in months: 1 (default), 12, 24, 36, 48 or 60. Updates in place. */
    term: z
      .number()
      .refine((t) => (VXC_TERMS as readonly number[]).includes(t), {
        error: `term must be one of ${VXC_TERMS.join(", ")} months`,
      })
      .optional(),
    /** Cost centre for your invoices, up to 255 characters. Updates in place. */
    costCentre: z.string().max(255, { error: "costCentre must be at most 255 characters" }).optional(),
    /** When create and update count the VXC as ready: "LIVE" (default) or "CONFIGURED". */
    readyWhen: z.enum(READY_STATES, { error: `readyWhen must be ${READY_STATES.join(" or ")}` }).optional(),
    /**
     * UID of a VXC that already exists (made in the portal) to bring under management instead of ordering one.
     * Its ends must match aEnd and bEnd. Dynamic providers cannot use `pulumi import`; this is the way in.
     * Naming another VXC replaces; adding or removing it for the VXC already held changes nothing.
     */
    adoptUid: uid("adoptUid").optional(),
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

/** Every user input, as the paths diff compares. */
export const VXC_INPUT_PATHS = [
  "name",
  "rateLimit",
  "aEnd.productUid",
  "aEnd.vlan",
  "bEnd.productUid",
  "bEnd.providerName",
  "bEnd.providerCompanyUid",
  "bEnd.location",
  "bEnd.portName",
  "bEnd.sameDiversityZone",
  "bEnd.vlan",
  "serviceKey",
  "term",
  "costCentre",
  "readyWhen",
  "adoptUid",
] as const;
export type VxcInputPath = (typeof VXC_INPUT_PATHS)[number];

/**
 * Paths whose change replaces the VXC: either end, the service key, and the adopted UID. The B-end VLAN too: only
 * the provider may change it once ordered (the API answers 403 "Only B end owner can change B VLAN").
 * Name, rate limit, A-end VLAN, term, cost centre and readyWhen update in place. bEnd.providerCompanyUid replaces
 * only when it names another company than the one the VXC goes to (diff decides), so it is not listed here, and
 * pinning the company never changes the order tag.
 */
export const VXC_REPLACE_ON: readonly VxcInputPath[] = [
  "aEnd.productUid",
  "bEnd.productUid",
  "bEnd.providerName",
  "bEnd.location",
  "bEnd.portName",
  "bEnd.sameDiversityZone",
  "bEnd.vlan",
  "serviceKey",
  "adoptUid",
];

/** What Megaport holds and assigned, beside the inputs: the outputs the SDK declares, each documented here once. */
export const VxcConnectionComputedSchema = z.object({
  /** The VXC's product UID (also the resource id). */
  vxcUid: z.string(),
  /** DEPLOYABLE, CONFIGURED, LIVE, … as Megaport reports it. */
  provisioningStatus: z.string(),
  /** vxcApproval.status: PENDING_EXTERNAL while the provider must act; null once nothing is pending. */
  approvalStatus: z.string().nullable(),
  /** The rate limit (Mbps) of a speed change the provider has not answered yet. */
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
   * What Megaport quoted per month for the VXC when it was ordered (validate's `price.monthlyRate`, after
   * discounts), in `quotedCurrency`. Null for a VXC adopted rather than ordered, or whose order answer was lost.
   * Not updated by later changes (a speed change is priced by Megaport when it applies).
   */
  quotedMonthlyRate: z.number().nullable(),
  /** The currency of quotedMonthlyRate, e.g. "AUD". */
  quotedCurrency: z.string().nullable(),
});
export type VxcConnectionComputed = z.output<typeof VxcConnectionComputedSchema>;
/** The computed output names, in the order the schema declares them. */
export const VXC_COMPUTED_OUTPUTS = Object.keys(
  VxcConnectionComputedSchema.shape,
) as (keyof VxcConnectionComputed)[];

export type VxcConnectionOutputs = VxcConnectionInputs & VxcConnectionComputed;
