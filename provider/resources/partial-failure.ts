// A create or update that got as far as making the object, then could not finish (a deadline passed while a provider
// had not yet approved), rejects with this. The dynamic provider server turns an error carrying `id` into an
// initialization failure: the engine keeps the resource in state with these properties, fails the deployment, and
// on the next `pulumi up` calls `update` even with no diff, which resumes the wait instead of ordering again.
// The server does not add __provider to these properties, so we must, or later read/delete cannot load the code.
// `reasons` are stored in state in plain text: they must never hold a secret.

import { plain } from "./plain-state";

export class PartialFailure extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(
    message: string,
    id: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown>,
  ) {
    super(message);
    this.name = "PartialFailure";
    this.id = id;
    // A JSON round trip drops undefined members, which the gRPC Struct conversion cannot carry.
    this.properties = plain({ ...inputs, ...outputs, __provider: inputs.__provider });
    this.reasons = [message];
  }
}
