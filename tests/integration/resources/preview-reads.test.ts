// A check that reads the API at preview (a subscriber's role, a rule's companies) gives up after PREVIEW_READ_MS when
// the API does not answer, and the preview goes on without that check: a preview on a machine that cannot reach
// Megaport must not stall for the client's whole retry schedule (before the bound, about 40 s per resource).
import * as net from "node:net";
import { SEED } from "../../../simulator/seed";
import { hiddenInputs } from "../../support/hidden-inputs";
import { clearProviderEnv, pointProviderAt } from "../../support/simulator-clients";

const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
let silent: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // Takes every connection and never answers: an API behind a black-holed route.
  silent = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as net.AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  pointProviderAt({ url, tokenUrl: `${url}/oauth2/token` }, SEED.apiKeys.acmeAdmin, {
    MEGAPORT_MX_PREVIEW_READ_MS: "500",
  });
});

afterAll(async () => {
  clearProviderEnv();
  delete process.env.MEGAPORT_MX_PREVIEW_READ_MS;
  log.mockRestore();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const logged = () => log.mock.calls.map((c) => String(c[0])).join("\n");

describe("checks that read the API at preview, when it does not answer", () => {
  it("a NotificationSubscription's check goes on without the user listing", async () => {
    const { provider } = await import("../../../provider/resources/notification-subscription");
    const inputs = {
      user: SEED.users.acmeTechnicalContact.email,
      groups: ["Ordering"],
      ...hiddenInputs("noc"),
    };
    const result = await provider.check({} as never, inputs as never);
    expect(result.failures ?? []).toEqual([]);
    expect(logged()).toMatch(/could not list the company's users to check .* at preview/);
  });

  it("an ApprovalPolicy's check goes on without the port and company listings", async () => {
    const { provider } = await import("../../../provider/resources/approval-policy");
    const inputs = {
      rules: [{ name: "initech", match: { companies: ["Initech LLC"] }, action: "accept" }],
      defaultAction: "manual",
      ...hiddenInputs("policy"),
    };
    const result = await provider.check({} as never, inputs as never);
    expect(result.failures ?? []).toEqual([]);
    expect(logged()).toMatch(/ApprovalPolicy: could not list your ports/);
  });
});
