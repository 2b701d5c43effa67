/**
 * `npm run simulator`: start the simulator on 127.0.0.1:4010 and print how to reach it: the API and token
 * URLs, the portal, the seeded API keys and portal logins. Flags (cli-options.ts):
 *
 *   --port <n>                  listen port (default 4010; 0 picks a free one)
 *   --state <file>              keep state in this JSON file across restarts
 *   --timings demo|test|<json>  lifecycle durations (default demo: about half a minute per order); a JSON
 *                               object such as '{"deployableMs":5000}' changes some of the demo ones
 *   --deployable-ms, --configured-ms, --cancelled-ms, --tick-ms, --approval-expiry-ms <n>
 *                               one duration each, over the named set
 *   --faults <file|json>        fault rules, rate limit, token revocation: the body of PUT /_sim/faults
 *   --no-rate-limit             turn Megaport's 500 requests per 5 minutes off
 *   --smtp host:port            also deliver emails to this SMTP server
 */
import { parseCliArgs, USAGE } from "./cli-options";
import { SEED } from "./seed";
import { startSimulator } from "./server";

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator({
    port: options.port,
    stateFile: options.state,
    timings: options.timings,
    smtp: options.smtp,
    faults: options.faults,
  });
  const faults = sim.faults.list().length;
  const lines = [
    `Megaport simulator (timings: ${options.timingsLabel}${options.state ? `, state: ${options.state}` : ""})`,
    `  API:    ${sim.url}`,
    `  Token:  ${sim.tokenUrl}`,
    `  Portal: ${sim.portalUrl}`,
    options.smtp
      ? `  SMTP:   ${options.smtp}`
      : "  SMTP:   off (emails kept in the outbox: GET /_sim/outbox)",
    `  Faults: ${faults} rule(s); rate limit ${options.faults.rateLimit === false ? "off" : "on"}` +
      (sim.faults.revokeTokensEveryMs()
        ? `; tokens revoked every ${sim.faults.revokeTokensEveryMs()} ms`
        : ""),
    "",
    "API keys (access key / secret key, role):",
    ...Object.entries(SEED.apiKeys).map(
      ([name, k]) => `  ${name.padEnd(15)} ${k.accessKey} / ${k.secretKey}  (${k.role})`,
    ),
    "",
    "Portal logins (password for all: " + Object.values(SEED.users)[0].password + "):",
    ...Object.values(SEED.users).map((u) => `  ${u.email.padEnd(28)} ${u.position}`),
    "",
    "Ports:",
    ...Object.entries(SEED.ports).map(([name, p]) => `  ${name.padEnd(14)} ${p.uid}  ${p.name}`),
  ];
  console.log(lines.join("\n"));
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
