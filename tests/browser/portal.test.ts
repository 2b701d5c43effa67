/**
 * The portal in a real browser (Debian's chromium driven by playwright-core): log in as Acme's Company Admin,
 * accept and deny connection requests, save notification settings, and check the outcome through the API.
 * Without chromium the suite fails with the command that installs it (`npm test` installs it first, see
 * scripts/test-setup.sh); it never skips.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { Simulator } from "../../simulator/server";
import { ApiAs, getVxc, orderVxcUid, SEED, waitForStatus } from "../support/simulator-http";
import { startTestSimulator } from "../support/simulator";

const CHROMIUM = "/usr/bin/chromium";

describe("portal in chromium", () => {
  let sim: Simulator;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  let globex: ApiAs;
  let acme: ApiAs;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
    sim = await startTestSimulator();
    globex = new ApiAs(sim, "globexAdmin");
    acme = new ApiAs(sim, "acmeAdmin");
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-portal-chromium-"));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await sim?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  async function logIn(email: string) {
    await page.goto(sim.portalUrl);
    if (await page.getByRole("button", { name: "Log out" }).isVisible()) {
      await page.getByRole("button", { name: "Log out" }).click();
    }
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(SEED.users.acmeCompanyAdmin.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Approvals" }).waitFor();
  }

  it("refuses a wrong password", async () => {
    await page.goto(sim.portalUrl);
    await page.getByLabel("Email").fill(SEED.users.acmeCompanyAdmin.email);
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Log in" }).click();
    await expectText(page, "Wrong email or password");
  });

  it("accepts a pending request with Accept Request and the VXC goes LIVE", async () => {
    const uid = await orderVxcUid(globex, {
      from: SEED.ports.globexSydRed.uid,
      to: SEED.ports.acmeSydRed.uid,
      name: "Browser accept",
    });
    await logIn(SEED.users.acmeCompanyAdmin.email);
    const row = page.locator(`#approvals tr[data-vxc-uid="${uid}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("Globex Corporation");
    await row.getByRole("button", { name: "Accept Request" }).click();
    await expectText(page, "Accepted request for Browser accept");
    expect(await page.locator(`#approvals tr[data-vxc-uid="${uid}"]`).count()).toBe(0);
    const live = await waitForStatus(globex, uid, "LIVE");
    expect(live.vxcApproval.status).toBeNull();
  });

  it("denies a pending request with a reason the customer can read", async () => {
    const uid = await orderVxcUid(globex, {
      from: SEED.ports.globexSydBlue.uid,
      to: SEED.ports.acmeSydBlue.uid,
      name: "Browser deny",
    });
    await logIn(SEED.users.acmeCompanyAdmin.email);
    const row = page.locator(`#approvals tr[data-vxc-uid="${uid}"]`);
    await row.getByLabel("Reason").fill("Port reserved for internal use");
    await row.getByRole("button", { name: "Deny Request" }).click();
    await expectText(page, "Denied request for Browser deny");
    const vxc = await getVxc(globex, uid);
    expect(vxc.provisioningStatus).toBe("FAILED");
    expect(vxc.vxcApproval).toMatchObject({ status: "REJECTED", message: "Port reserved for internal use" });
  });

  it("saves notification settings", async () => {
    await logIn(SEED.users.acmeCompanyAdmin.email);
    const ordering = page.getByLabel("Ordering");
    expect(await ordering.isChecked()).toBe(true);
    await ordering.uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expectText(page, "Notification settings saved");
    expect(await page.getByLabel("Ordering").isChecked()).toBe(false);
    const prefs = (await acme.get("/v2/notificationPreferences")).body.data.destinations.EMAIL;
    expect(prefs.find((g: { messageGroup: string }) => g.messageGroup === "ORDERING").subscribed).toBe(false);
    expect(prefs.find((g: { messageGroup: string }) => g.messageGroup === "SERVICES").subscribed).toBe(true);
  });

  it("shows the company's outbox", async () => {
    await logIn(SEED.users.acmeCompanyAdmin.email);
    const outbox = page.locator("#outbox");
    expect(await outbox.textContent()).toContain("New connection request from Globex Corporation");
    expect(await outbox.textContent()).not.toContain("globex.example");
  });

  it("gives a Technical Contact no Accept or Deny buttons", async () => {
    const uid = await orderVxcUid(globex, {
      from: SEED.ports.globexSydRed.uid,
      to: SEED.ports.acmeMelRed.uid,
    });
    await logIn(SEED.users.acmeTechnicalContact.email);
    const row = page.locator(`#approvals tr[data-vxc-uid="${uid}"]`);
    await row.waitFor();
    expect(await row.getByRole("button", { name: "Accept Request" }).count()).toBe(0);
    expect(await row.textContent()).toContain("Only a Company Admin or Technical Admin");
  });
});

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text).first().waitFor();
}
