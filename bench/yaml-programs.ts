// The plugin rows' programs, as Pulumi YAML (a YAML program cannot loop, so the bench writes one resource per VXC):
// the same N VxcConnections as bench/programs/vxcs, by the plugin's type token, and N no-op resources of the bench's
// no-op plugin (bench/noop-plugin.ts). Written as JSON, which is YAML.
import { NOOP_TYPE } from "./noop-plugin";

export interface VxcProgram {
  count: number;
  aEndUids: readonly string[];
  bEndUid: string;
  rateLimit: number;
}

/** N VxcConnections through the plugin; the default provider takes its settings from `megaport-mx:*` stack config. */
export function vxcsYaml({ count, aEndUids, bEndUid, rateLimit }: VxcProgram): string {
  const resources: Record<string, unknown> = {};
  const vxcUids: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    resources[`bench-${i}`] = {
      type: "megaport-mx:index:VxcConnection",
      properties: {
        name: `bench ${i}`,
        rateLimit,
        aEnd: { productUid: aEndUids[i % aEndUids.length], vlan: 0 },
        bEnd: { productUid: bEndUid, vlan: 0 },
      },
    };
    vxcUids[`bench-${i}`] = `\${bench-${i}.vxcUid}`;
  }
  return program("megaport-mx-bench-vxcs-yaml", resources, { vxcUids });
}

/** N resources whose plugin does nothing. */
export function noopYaml(count: number): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < count; i++)
    resources[`noop-${i}`] = { type: NOOP_TYPE, properties: { key: `noop-${i}` } };
  return program("megaport-mx-bench-noop-yaml", resources, {});
}

function program(name: string, resources: Record<string, unknown>, outputs: Record<string, unknown>): string {
  return `${JSON.stringify({ name, runtime: "yaml", resources, outputs }, null, 1)}\n`;
}
