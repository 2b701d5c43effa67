// `megaport-mx simulator`: the local Megaport API that ships in the package (dist/simulator), so a project that
// installed megaport-mx can try it offline: `npx megaport-mx simulator [--port 4010] [--timings test] …`, the flags
// of `npm run simulator` (simulator/cli-options.ts). It runs in this process and never returns: simulator/cli.ts
// reads its flags from process.argv when it loads, prints its banner and owns the process from there (SIGINT and
// SIGTERM close it, a bad flag exits 1, `--help` prints its usage and lets the process end).

export async function runSimulator(argv: string[]): Promise<number> {
  // What Node would have set had simulator/cli.js been started directly.
  process.argv = [process.argv[0], require.resolve("../simulator/cli"), ...argv];
  await import("../simulator/cli");
  return new Promise<number>(() => undefined);
}
