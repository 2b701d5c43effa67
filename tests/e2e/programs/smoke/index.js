// Smoke program: one dynamic resource whose create and delete write and remove a marker file, so the test can
// see that the real engine called the provider. The path comes from stack config.
const pulumi = require("@pulumi/pulumi");

const markerProvider = {
  async create(inputs) {
    const fs = require("fs");
    fs.writeFileSync(inputs.path, inputs.content);
    return { id: inputs.path, outs: inputs };
  },
  async delete(id) {
    const fs = require("fs");
    fs.rmSync(id, { force: true });
  },
};

class Marker extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(markerProvider, name, args, opts, "megaport-smoke", "Marker");
  }
}

const config = new pulumi.Config();
const marker = new Marker("marker", { path: config.require("markerPath"), content: "created by pulumi up" });
exports.markerId = marker.id;
