// A customer's VXCs from stack config `vxcs`: a list of { resourceName, customTimeouts?, ...VxcConnection args }.
const pulumi = require("@pulumi/pulumi");
const { VxcConnection } = require("megaport-mx");

const config = new pulumi.Config();
const vxcs = config.getObject("vxcs") ?? [];

for (const { resourceName, customTimeouts, ...args } of vxcs) {
  const vxc = new VxcConnection(resourceName, args, { customTimeouts });
  exports[resourceName] = {
    vxcUid: vxc.vxcUid,
    name: vxc.name,
    provisioningStatus: vxc.provisioningStatus,
    approvalStatus: vxc.approvalStatus,
    rateLimit: vxc.rateLimit,
    assignedBEndVlan: vxc.assignedBEndVlan,
    chosenBEndProductUid: vxc.chosenBEndProductUid,
    providerCompanyName: vxc.providerCompanyName,
  };
}
