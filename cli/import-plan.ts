// What `megaport-mx import` decides, apart from reading Megaport and the stack: which of the company's objects go
// into the `pulumi import --file` file and under which names, and what is left out and why. The file is the shape
// the Pulumi CLI reads (pkg/cmd/pulumi/operations/import.go: importFile{resources: [importSpec{type, name, id}]}):
// type, name and id only, so no secret can reach it.
import { type KindName, pluginTypeToken } from "../provider/kinds/kinds";

/** One object the company holds, as the command found it. */
export interface Candidate {
  kind: KindName;
  /** What `pulumi import` reads it by: the kind's natural id. */
  id: string;
  /** A name to derive the resource's name from (the VXC's name, the user's email). */
  label: string;
  /** The resource name its tags already give it in this stack (an order or import of this stack): kept as is. */
  taggedName?: string;
  /** Why it must not be imported, when it must not. */
  leaveOut?: string;
}

export interface ImportEntry {
  type: string;
  name: string;
  id: string;
}

export interface ImportPlan {
  file: { resources: ImportEntry[] };
  leftOut: { kind: KindName; id: string; label: string; why: string }[];
}

const MAX_NAME = 60;

/**
 * A readable resource name from free text: lower-case ASCII words joined by "-", starting with a letter (every
 * language's generated code turns it into an identifier), at most MAX_NAME characters. `prefix` starts a name the
 * text gives nothing usable for, or that would start with a digit.
 */
export function resourceName(text: string, prefix: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let name = words.join("-");
  if (!/^[a-z]/.test(name)) name = name ? `${prefix}-${name}` : prefix;
  return name.slice(0, MAX_NAME).replace(/-+$/, "");
}

/**
 * The import file and what is left out. Names are unique among themselves and against `taken` (the names the
 * stack's resources have already): a repeat gets "-2", "-3", …
 */
export function planImport(candidates: readonly Candidate[], taken: Iterable<string>): ImportPlan {
  const used = new Set(taken);
  const plan: ImportPlan = { file: { resources: [] }, leftOut: [] };
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, MAX_NAME - String(n).length - 1)}-${n}`;
    used.add(name);
    return name;
  };
  for (const c of candidates) {
    if (c.leaveOut) {
      plan.leftOut.push({ kind: c.kind, id: c.id, label: c.label, why: c.leaveOut });
      continue;
    }
    // A name its tags give it in this stack is kept: the import then holds it as the resource that ordered it (the
    // plugin refuses a VXC whose tags name another resource).
    if (c.taggedName !== undefined && used.has(c.taggedName)) {
      plan.leftOut.push({
        kind: c.kind,
        id: c.id,
        label: c.label,
        why: `its tags name resource "${c.taggedName}" of this stack, which holds another object now (\`megaport-mx orphans\` says what to do with it)`,
      });
      continue;
    }
    if (c.taggedName !== undefined) used.add(c.taggedName);
    plan.file.resources.push({
      type: pluginTypeToken(c.kind),
      name: c.taggedName ?? unique(resourceName(c.label, PREFIXES[c.kind])),
      id: c.id,
    });
  }
  return plan;
}

/** How a name starts when the label gives none. */
const PREFIXES: Record<KindName, string> = {
  VxcConnection: "vxc",
  MarketplaceProfile: "marketplace-profile",
  NotificationSubscription: "notifications",
  ApprovalPolicy: "approval-policy",
};

/** The file as `pulumi import --file` reads it. */
export function importFileText(plan: ImportPlan): string {
  return `${JSON.stringify(plan.file, null, 2)}\n`;
}
