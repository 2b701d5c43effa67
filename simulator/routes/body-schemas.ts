/**
 * zod helpers for request bodies. Clients often send `null` for "not set" (megaportgo's pointer fields), so
 * optional fields accept null and read it as absent. Wrong types fail with a 400 in the real error shape.
 */
import { z } from "zod";

/** An optional field that also accepts null, read as undefined. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v === null ? undefined : v) as z.output<T> | undefined);
}

export const int = () => z.number().int();

export const ResourceTagSchema = z.object({
  key: z.string().min(1).max(128),
  value: z.string().max(256),
});
