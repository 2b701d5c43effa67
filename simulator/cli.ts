/**
 * `npm run simulator`: start the simulator on 127.0.0.1:4010 and print how to reach it: the API and token
 * URLs, the portal, the seeded API keys and portal logins.
 *
 *   --port <n>            listen port (default 4010; 0 picks a free one)
 *   --state <file>        keep state in this JSON file across restarts
 *   --timings demo|test   lifecycle durations (default demo: about half a minute per order)
 *   --smtp host:port      also deliver emails to this SMTP server
 */
import { SEED } from "./seed";
import { startSimulator } from "./server";
import { TIMINGS, type TimingsName } from "./timings";

interface CliOptions {
  port: number;
  state?: string;
  timings: TimingsName;
  smtp?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 4010, timings: "demo" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--port") options.port = Number(value());
    else if (flag === "--state") options.state = value();
    else if (flag === "--smtp") options.smtp = value();
    else if (flag === "--timings") {
      const t = value();
      if (!(t in TIMINGS)) throw new Error(`--timings must be one of ${Object.keys(TIMINGS).join(", ")}`);
      options.timings = t as TimingsName;
    } else if (flag === "--help" || flag === "-h") {
      console.log(
        "usage: simulator [--port 4010] [--state file.json] [--timings demo|test] [--smtp host:port]",
      );
      process.exit(0);
    } else throw new Error(`unknown flag ${flag}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error("--port must be a port number");
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sim = await startSimulator({
    port: options.port,
    stateFile: options.state,
    timings: options.timings,
    smtp: options.smtp,
  });
  const lines = [
    `Megaport simulator (timings: ${options.timings}${options.state ? `, state: ${options.state}` : ""})`,
    `  API:    ${sim.url}`,
    `  Token:  ${sim.tokenUrl}`,
    `  Portal: ${sim.portalUrl}`,
    options.smtp
      ? `  SMTP:   ${options.smtp}`
      : "  SMTP:   off (emails kept in the outbox: GET /_sim/outbox)",
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
