// The quick start: your first megaport-mx program. Globex, a Megaport customer, connects its two Sydney ports to
// Acme Networks, a provider on the Megaport Marketplace, by Acme's port that accepts connections at once. With the
// simulator running (`npm run simulator`), `pulumi up` orders both VXCs and waits until they are LIVE.
import { NotificationSubscription, VxcConnection } from "megaport-mx";

// Globex's ports, as the simulator seeds them. On the real Megaport, your own ports' UIDs (Portal → Services).
const globexSydneyRed = "6f9e7b61-6cb9-4e67-b6e9-90f162d0463f";
const globexSydneyBlue = "2fed0a69-e7b2-4227-a56b-cdb233ef5821";

// Acme's "Sydney Instant" port approves every connection itself; its other ports wait for a person at Acme.
const acmeInstant = { providerName: "Acme Networks", portName: "Acme Sydney Instant" };

const red = new VxcConnection("red", {
  name: "Globex to Acme (red)",
  rateLimit: 100, // Mbps
  aEnd: { productUid: globexSydneyRed, vlan: 301 },
  bEnd: acmeInstant,
  costCentre: "NET-001",
});

const blue = new VxcConnection("blue", {
  name: "Globex to Acme (blue)",
  rateLimit: 100,
  aEnd: { productUid: globexSydneyBlue, vlan: 302 },
  bEnd: acmeInstant,
  costCentre: "NET-001",
});

// Someone at Globex hears about every order (the policy pack asks for it: `pulumi preview --policy-pack policy`).
new NotificationSubscription("noc", { user: "techcontact@globex.example", groups: ["Ordering", "Services"] });

export const vxcs = [red, blue].map((vxc) => ({
  name: vxc.name,
  status: vxc.provisioningStatus, // LIVE
  acmePort: vxc.chosenBEndPortName,
  monthly: vxc.quotedMonthlyRate,
  currency: vxc.quotedCurrency,
}));
