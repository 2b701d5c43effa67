// `npm run simulator` flags: lifecycle durations (named, JSON, one flag each), fault rules inline or from a
// file (the PUT /_sim/faults body), --no-rate-limit, and messages a person can act on for bad values.
import { parseCliArgs, USAGE } from "../../simulator/cli-options";
import { TIMINGS } from "../../simulator/timings";

const noFiles = (path: string): string => {
  throw new Error(`ENOENT: no such file, open '${path}'`);
};

describe("simulator command line", () => {
  it("defaults to port 4010, demo timings, no faults", () => {
    expect(parseCliArgs([], noFiles)).toEqual({
      port: 4010,
      help: false,
      timings: TIMINGS.demo,
      timingsLabel: "demo",
      faults: {},
    });
  });

  it("sets single durations over a named set", () => {
    const options = parseCliArgs(
      ["--timings", "test", "--deployable-ms", "2000", "--configured-ms", "0", "--cancelled-ms", "700"],
      noFiles,
    );
    expect(options.timings).toEqual({
      ...TIMINGS.test,
      deployableMs: 2000,
      configuredMs: 0,
      cancelledMs: 700,
    });
    expect(options.timingsLabel).toBe(
      'test, custom: {"deployableMs":2000,"configuredMs":0,"cancelledMs":700}',
    );
  });

  it("takes durations as a JSON object over demo", () => {
    const { timings } = parseCliArgs(["--timings", '{"deployableMs":5000,"tickMs":50}'], noFiles);
    expect(timings).toEqual({ ...TIMINGS.demo, deployableMs: 5000, tickMs: 50 });
  });

  it("takes faults inline or from a file, and --no-rate-limit turns the limit off", () => {
    const inline = parseCliArgs(
      [
        "--faults",
        '{"rules":[{"kind":"status","status":429,"periodMs":10000,"burstMs":2000}]}',
        "--no-rate-limit",
      ],
      noFiles,
    );
    expect(inline.faults).toEqual({
      rules: [{ kind: "status", status: 429, periodMs: 10000, burstMs: 2000 }],
      rateLimit: false,
    });
    const files: Record<string, string> = { "faults.json": '{"revokeTokensEveryMs":30000}' };
    const fromFile = parseCliArgs(["--faults", "faults.json"], (p) => files[p] ?? noFiles(p));
    expect(fromFile.faults).toEqual({ revokeTokensEveryMs: 30000 });
  });

  it.each([
    [["--timings", "slow"], /--timings must be one of test, demo, or a JSON object/],
    [["--timings", '{"deployableMs":"soon"}'], /--timings: deployableMs: /],
    [["--timings", '{"deployMs":1}'], /--timings: value: .*deployMs/],
    [["--deployable-ms", "-5"], /--deployable-ms must be a whole number of ms, not "-5"/],
    [["--tick-ms", "0"], /--tick-ms must be at least 1/],
    [["--faults", "{not json"], /--faults: not valid JSON/],
    [["--faults", '{"rules":[{"kind":"explode"}]}'], /--faults: rules\.0\.kind: /],
    [["--faults", "missing.json"], /--faults: cannot read missing.json/],
    [["--port", "70000"], /--port must be a port number/],
    [["--port"], /--port needs a value/],
    [["--colour"], /unknown flag --colour/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseCliArgs(argv, noFiles)).toThrow(message);
  });

  it("has a usage line that names every flag", () => {
    for (const flag of ["--port", "--state", "--smtp", "--timings", "--deployable-ms", "--configured-ms"]) {
      expect(USAGE).toContain(flag);
    }
    for (const flag of [
      "--cancelled-ms",
      "--tick-ms",
      "--approval-expiry-ms",
      "--faults",
      "--no-rate-limit",
    ]) {
      expect(USAGE).toContain(flag);
    }
    expect(parseCliArgs(["--help"], noFiles).help).toBe(true);
  });
});
