/**
 * Field rules shared by VXC orders, VXC updates and (name, cost centre) port updates, with the real API's
 * wording where we know it.
 */
import { refused } from "../domain-error";
import { VALID_TERMS } from "../../provider/client/schemas/scalars";
import type { PortRecord } from "../state";
import { isReady } from "./transitions";

/** A service's name: 1 to 64 characters, not only spaces. `what` names the kind in the message ("VXC"). */
export function assertServiceName(name: string, what: "VXC" | "port"): void {
  if (name.trim().length < 1 || name.length > 64) {
    throw refused(`Invalid ${what} name "${name}": a name must be 1 to 64 characters`);
  }
}

export function assertTerm(term: number): void {
  if (!(VALID_TERMS as readonly number[]).includes(term)) {
    throw refused(`Invalid term ${term}: the term must be one of ${VALID_TERMS.join(", ")} months`);
  }
}

export function assertCostCentre(costCentre: string): void {
  if (costCentre.length > 255) throw refused("Invalid costCentre: at most 255 characters");
}

/** The rate limit must fit both ends' `maxVxcSpeed`. */
export function assertRateLimit(rateLimit: number, ports: readonly PortRecord[]): void {
  if (!Number.isInteger(rateLimit) || rateLimit < 1) {
    throw refused(`Invalid rateLimit ${rateLimit}: a rate limit is a whole number of Mbps, at least 1`);
  }
  for (const port of ports) {
    if (rateLimit > port.maxVxcSpeed) {
      throw refused(
        `Rate limit ${rateLimit} Mbps exceeds the maximum VXC speed of ${port.maxVxcSpeed} Mbps on ${port.productName} (${port.productUid})`,
      );
    }
  }
}

export function assertPortTakesVxcs(port: PortRecord): void {
  if (!isReady(port)) {
    throw refused(`Service ${port.productUid} is ${port.provisioningStatus} and cannot take new VXCs`);
  }
}
