// Resource tags: GET/PUT /v2/product/{uid}/tags, and `resourceTags` in order items (docs/megaport-api.md §5.2,
// §6.3). Our resources keep their idempotency key here. Must never: accept a tag without a key.

import { z } from "zod";

export const ResourceTagSchema = z.looseObject({
  key: z.string().min(1, { error: "must not be empty" }),
  value: z.string(),
});
export type ResourceTag = z.output<typeof ResourceTagSchema>;

/** data of GET /v2/product/{uid}/tags; a product without tags may send null. */
export const ResourceTagsDataSchema = z.looseObject({
  resourceTags: z
    .array(ResourceTagSchema)
    .nullish()
    .transform((tags) => tags ?? []),
});

/** Body of PUT /v2/product/{uid}/tags: replaces all tags. */
export const ResourceTagsBodySchema = z.strictObject({
  resourceTags: z.array(
    z.strictObject({ key: z.string().min(1, { error: "must not be empty" }), value: z.string() }),
  ),
});
export type ResourceTagsBody = z.input<typeof ResourceTagsBodySchema>;
