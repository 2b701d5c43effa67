// `count` dynamic resources whose provider does nothing: create returns its inputs, diff finds no change, delete
// returns. A preview of this stack is what Pulumi itself spends on N dynamic resources, the yardstick the bench
// divides megaport-mx's no-change preview by.
const pulumi = require("@pulumi/pulumi");

const noopProvider = {
  async create(inputs) {
    return { id: inputs.key, outs: inputs };
  },
  async diff() {
    return { changes: false };
  },
  async delete() {},
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(noopProvider, name, args, opts, "megaport-bench", "Noop");
  }
}

const count = new pulumi.Config().requireNumber("count");
const ids = {};
for (let i = 0; i < count; i++) {
  const noop = new Noop(`noop-${i}`, { key: `noop-${i}` });
  ids[`noop-${i}`] = noop.id;
}
exports.ids = ids;
