// Turns what the Pulumi CLI prints as JSON into the lines pipeline.sh shows a person (plain Node.js, no packages):
//   node pipeline-report.js waiting < `pulumi stack export`        VXCs waiting for their provider, and who must act
//   node pipeline-report.js drift < `pulumi preview --json …`      what changed at Megaport, field by field
// Prints nothing when there is nothing to report. Never prints a secret: `stack export` without --show-secrets and
// `preview --json` without it both hold secrets as ciphertext or "[secret]".
"use strict";

// The VXC's type token through either adapter: the dynamic resources' and the plugin's.
const VXC_TYPES = new Set([
  "pulumi-nodejs:dynamic/megaport:VxcConnection",
  "megaport-mx:index:VxcConnection",
]);

function readStdin() {
  return new Promise((resolve) => {
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
  });
}

/** The resource's name and kind from its URN: `VxcConnection "blue"`. */
function describeUrn(urn) {
  const parts = urn.split("::");
  const type = parts[parts.length - 2] || "";
  return `${type.split(":").pop()} "${parts[parts.length - 1]}"`;
}

function isPending(outputs) {
  return typeof outputs.approvalStatus === "string" && outputs.approvalStatus.startsWith("PENDING");
}

function waiting(state) {
  const stack = process.env.STACK_NAME || "this stack";
  const vxcs = (state.deployment?.resources || []).filter((r) => VXC_TYPES.has(r.type));
  // A partial failure: the run stopped at its deadline and recorded why; the next `up` resumes the wait.
  const resumable = vxcs.filter((r) => (r.initErrors || []).length > 0);
  // Pending at Megaport as last recorded, without that mark: a `pulumi refresh` while it waited cleared it.
  const unmarked = vxcs.filter((r) => !(r.initErrors || []).length && isPending(r.outputs || {}));
  if (resumable.length + unmarked.length === 0) return [];

  const lines = [];
  const providers = new Set();
  const line = (r) => {
    const o = r.outputs || {};
    const provider = o.providerCompanyName || "the provider";
    providers.add(provider);
    const what = o.pendingRateLimit
      ? `a speed change to ${o.pendingRateLimit} Mbps (now ${o.rateLimit} Mbps)`
      : "a new connection request";
    const port = o.chosenBEndPortName ? `, port "${o.chosenBEndPortName}"` : "";
    const status = [o.provisioningStatus, o.approvalStatus && `approval ${o.approvalStatus}`].filter(Boolean);
    return `  - "${o.name}" (${r.id}) to ${provider}${port}: ${what}${status.length ? `; ${status.join(", ")}` : ""}`;
  };
  if (resumable.length) {
    lines.push(`${resumable.length} VXC(s) of stack ${stack} are waiting for their provider to accept:`);
    lines.push(...resumable.map(line));
  }
  if (unmarked.length) {
    lines.push(
      `${unmarked.length} VXC(s) of stack ${stack} were last recorded waiting for their provider, but a ` +
        "`pulumi refresh` since has cleared the mark that makes `up` resume the wait:",
    );
    lines.push(...unmarked.map(line));
  }
  lines.push(
    `Who must act: ${[...providers].join(", ")}. Someone there accepts the request in the Megaport Portal ` +
      "(Approvals: Accept Request), or their approver (`megaport-mx approver`, applying their ApprovalPolicy) " +
      "accepts it by rule.",
  );
  if (resumable.length) {
    lines.push(
      "Next: the next `pipeline.sh up` (the next merge, or re-running the deploy job) resumes the wait; nothing " +
        "is ordered twice. A denial fails that run with the provider's reason and removes the request.",
    );
  }
  if (unmarked.length) {
    lines.push(
      "For the unmarked ones `up` no longer waits: the VXC is not lost and goes LIVE when the provider accepts; " +
        "`pulumi refresh` after that records it.",
    );
  }
  return lines;
}

/** Leaf-by-leaf differences between two input objects, skipping the provider's hidden `__` keys. */
function differences(before, after, prefix = "") {
  const out = [];
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  for (const key of [...keys].sort()) {
    if (key.startsWith("__")) continue;
    const a = before?.[key];
    const b = after?.[key];
    const path = prefix ? `${prefix}.${key}` : key;
    const objects = [a, b].every((v) => v !== null && typeof v === "object" && !Array.isArray(v));
    if (objects) out.push(...differences(a, b, path));
    else if (JSON.stringify(a) !== JSON.stringify(b)) out.push([path, a, b]);
  }
  return out;
}

const shown = (value) => (value === undefined ? "(not set)" : JSON.stringify(value));

function drift(preview) {
  const lines = [];
  for (const step of preview.steps || []) {
    const what = describeUrn(step.urn || "");
    switch (step.op) {
      case "same":
      case "refresh":
      case "read":
        break;
      case "update":
      case "replace": {
        const before = step.oldState?.inputs || {};
        const after = step.newState?.inputs || {};
        const changes = differences(before, after);
        const verb = step.op === "replace" ? "would be replaced" : "differs";
        lines.push(`  ~ ${what} ${verb}${changes.length ? ":" : ""}`);
        for (const [path, megaport, declared] of changes) {
          lines.push(
            `      ${path}: Megaport has ${shown(megaport)}, the program declares ${shown(declared)}`,
          );
        }
        if (!changes.length && JSON.stringify(before.__timeouts) !== JSON.stringify(after.__timeouts)) {
          // Not drift at Megaport: the VXC's customTimeouts are inputs, and this run's differ from the last up's.
          lines.push("      only its customTimeouts: run with the VXC_APPROVAL_TIMEOUT the last up used");
        }
        break;
      }
      case "create":
        lines.push(
          `  + ${what} is missing at Megaport (deleted outside this repository?): up would create it again`,
        );
        break;
      case "delete":
        lines.push(`  - ${what} is in the stack but not in the program: up would delete it`);
        break;
      default:
        lines.push(`  ${step.op} ${what}`);
    }
  }
  // A preview that failed for another reason says why here (with --json, not on stderr).
  for (const d of preview.diagnostics || []) {
    if (d.severity === "error")
      lines.push(`error: ${d.urn ? `${describeUrn(d.urn)}: ` : ""}${d.message.trim()}`);
  }
  return lines;
}

async function main() {
  const [mode] = process.argv.slice(2);
  if (mode !== "waiting" && mode !== "drift") {
    console.error("usage: node pipeline-report.js waiting|drift < json");
    process.exit(2);
  }
  let json;
  try {
    json = JSON.parse(await readStdin());
  } catch {
    process.exit(0); // nothing readable (the CLI failed first and said why)
  }
  const lines = mode === "waiting" ? waiting(json) : drift(json);
  if (lines.length) console.log(lines.join("\n"));
}

main();
