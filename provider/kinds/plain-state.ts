// What every resource kind hands back to the engine passes through here: results become plain JSON (undefined
// members cannot cross the gRPC Struct conversion: "Unexpected struct type"), and `read` rebuilds the inputs
// (user inputs and hidden "__" keys) from refreshed outputs, so later diffs compare against what Megaport holds.
import type { z } from "zod";

/** A JSON round trip: drops undefined members and anything that is not data. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The inputs inside `outputs`: the keys of the kind's input schema, plus the hidden keys. */
export function inputsFromOutputs<O extends object>(schema: z.ZodObject, outputs: O): O {
  const inputs: Record<string, unknown> = {};
  const all = outputs as Record<string, unknown>;
  for (const key of Object.keys(schema.shape)) inputs[key] = all[key];
  for (const [key, value] of Object.entries(all)) if (key.startsWith("__")) inputs[key] = value;
  return plain(inputs) as O;
}
