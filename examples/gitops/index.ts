// Globex's connections to Megaport Marketplace providers, deployed by CI: the connections and who gets the ordering
// emails live in connections.json, so a pull request that adds or changes a connection is a small data diff the
// platform team's policy pack checks at preview (see README.md and pipeline.sh).
// Credentials and the Megaport environment come from the environment (MEGAPORT_*), never from this program.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { NotificationSubscription, VxcConnection, type VxcConnectionArgs } from "megaport-mx";

type SubscriptionArgs = ConstructorParameters<typeof NotificationSubscription>[1];

interface Declarations {
  /** One VXC per entry: `resource` is its Pulumi name (never change it: a new name orders a new VXC). */
  connections: ({ resource: string } & VxcConnectionArgs)[];
  /** Who receives which Marketplace emails; the policy pack wants someone on Ordering. */
  subscriptions: ({ resource: string } & SubscriptionArgs)[];
}

const declarations: Declarations = JSON.parse(
  fs.readFileSync(path.join(__dirname, "connections.json"), "utf8"),
);

// Production stacks protect their VXCs, as the policy pack requires: deleting one needs a deliberate change.
const production = /^(prod|production)(-|$)/.test(pulumi.getStack());

// How long one run waits for a provider to accept a new VXC or a speed increase. When it passes, the run fails
// saying who must act, the VXC stays in the stack, and the next run resumes the wait without ordering again.
// Keep it below the CI job's timeout, and the same for every run of a stack: customTimeouts are inputs of each VXC,
// so a run with another value shows every VXC as changed (and the drift check fails).
const providerWait = process.env.VXC_APPROVAL_TIMEOUT || "20m";

const vxcs = declarations.connections.map(
  ({ resource, ...args }) =>
    new VxcConnection(resource, args, {
      protect: production,
      customTimeouts: { create: providerWait, update: providerWait },
    }),
);

for (const { resource, ...args } of declarations.subscriptions) {
  new NotificationSubscription(resource, args);
}

export const connections = vxcs.map((vxc) => ({
  name: vxc.name,
  uid: vxc.vxcUid,
  status: vxc.provisioningStatus,
  rateLimit: vxc.rateLimit,
  provider: vxc.providerCompanyName,
  providerPort: vxc.chosenBEndPortName,
}));
