// The benchmark's VXCs: `count` VxcConnections from the A-end ports in `aEndUids` (taken in turn) to the port
// `bEndUid`, each at `rateLimit` Mbps with both VLANs chosen by Megaport (0), so a thousand fit one pair of ports.
// The B-end accepts by itself, so no person has to. Exports each VXC's UID by resource name.
const pulumi = require("@pulumi/pulumi");
const { VxcConnection } = require("megaport-mx");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const aEndUids = config.requireObject("aEndUids");
const bEndUid = config.require("bEndUid");
const rateLimit = config.requireNumber("rateLimit");

const vxcUids = {};
for (let i = 0; i < count; i++) {
  const vxc = new VxcConnection(`bench-${i}`, {
    name: `bench ${i}`,
    rateLimit,
    aEnd: { productUid: aEndUids[i % aEndUids.length], vlan: 0 },
    bEnd: { productUid: bEndUid, vlan: 0 },
  });
  vxcUids[`bench-${i}`] = vxc.vxcUid;
}
exports.vxcUids = vxcUids;
