// A customer's connections to a Marketplace provider: the usual redundant pair, one VXC from each of our ports in
// the red and blue diversity zones, and a third ordered with a service key the provider gave us.
// `pulumi up` waits until the provider accepts each request and the VXC is LIVE.
import * as pulumi from "@pulumi/pulumi";
import { NotificationSubscription, VxcConnection } from "megaport-mx";

const config = new pulumi.Config();
// Our ports. The defaults are the simulator's seeded Globex ports; set your own with `pulumi config set`.
const redPort = config.get("redPortUid") ?? "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f";
const bluePort = config.get("bluePortUid") ?? "2fed0a69-e7b2-4227-a56b-cdb233ef5821";
const provider = config.get("providerName") ?? "Acme Networks";
const rateLimit = config.getNumber("rateLimit") ?? 200;

// Red: the provider's port nearest ours, in our diversity zone. Acme's policy accepts this one.
const red = new VxcConnection(
  "red",
  {
    name: "Globex to Acme (red)",
    rateLimit,
    aEnd: { productUid: redPort, vlan: 101 },
    bEnd: { providerName: provider, sameDiversityZone: true },
    costCentre: "NET-001",
  },
  { customTimeouts: { create: "2h", update: "2h" } },
);

// Blue: a named port at a named location. This one waits for a person at Acme to click Accept Request.
const blue = new VxcConnection(
  "blue",
  {
    name: "Globex to Acme (blue)",
    rateLimit: 200,
    aEnd: { productUid: bluePort, vlan: 102 },
    bEnd: { providerName: provider, location: "Equinix SY1", portName: "Acme Sydney Blue" },
    costCentre: "NET-001",
  },
  { customTimeouts: { create: "2h" } },
);

// With a service key the provider sent us: the key says which port, and a pre-approved key needs no approval.
const serviceKey = config.getSecret("serviceKey");
const keyed = serviceKey
  ? new VxcConnection("with-service-key", {
      name: "Globex via Acme service key",
      rateLimit: 100,
      aEnd: { productUid: redPort, vlan: 103 },
      serviceKey,
      costCentre: "NET-001",
    })
  : undefined;

// Someone on our side hears about every order: the platform team's policy pack asks every stack that orders VXCs
// for one (only Company Admin, Technical Admin and Technical Contact users may subscribe).
new NotificationSubscription("noc", {
  user: config.get("nocEmail") ?? "techcontact@globex.example",
  groups: ["Ordering", "Services"],
});

export const vxcs = [red, blue, ...(keyed ? [keyed] : [])].map((vxc) => ({
  name: vxc.name,
  status: vxc.provisioningStatus,
  rateLimit: vxc.rateLimit,
  providerPort: vxc.chosenBEndPortName,
  bEndVlan: vxc.assignedBEndVlan,
  monthly: vxc.quotedMonthlyRate,
  currency: vxc.quotedCurrency,
}));
