// Globex orders a VXC to Acme's port that approves at once, found by provider name, location and port name, through
// the plugin's generated SDK; the default provider takes its key from stack config under `megaport-mx:`.
import * as pulumi from "@pulumi/pulumi";
import * as mx from "megaport-mx/plugin-sdk";

const config = new pulumi.Config();
const vxc = new mx.VxcConnection("to-acme", {
  name: "Globex to Acme through the plugin SDK",
  rateLimit: config.requireNumber("rateLimit"),
  aEnd: { productUid: config.require("globexPort"), vlan: 402 },
  bEnd: {
    providerName: "Acme Networks",
    location: "Global Switch Sydney West",
    portName: "Acme Sydney Instant",
    // Unset: Acme's port chooses. Setting it replaces the VXC, on the same A-end port and VLAN: a move.
    vlan: config.getNumber("acmeVlan"),
  },
});

export const vxcUid = vxc.vxcUid;
export const status = vxc.provisioningStatus;
export const acmePort = vxc.chosenBEndPortName;
export const rateLimit = vxc.rateLimit;
