// The one way a test starts an in-process simulator: on port 0, with "test" timings (each provisioning step in
// milliseconds) and Megaport's per-IP rate limit off, because every process in a test shares 127.0.0.1 and the test's
// own polling would count against the code under test (tests/simulator/request-log.test.ts turns the limit back on
// to prove it). Options a test passes are laid over these; `faults` replaces the default whole.
import { startSimulator, type Simulator, type StartSimulatorOptions } from "../../simulator/server";

export type { Simulator, StartSimulatorOptions };

export function startTestSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, timings: "test", faults: { rateLimit: false }, ...options });
}
