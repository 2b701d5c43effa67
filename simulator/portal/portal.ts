/**
 * The portal's request handler: log in and out, accept or deny requests, save notification settings. Every
 * form posts and then redirects back to /portal with a one-line flash message (post/redirect/get), so
 * reloading the page never repeats an action. Actions go through the same domain functions as the API.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { decideApproval, vxcByApprovalUid } from "../domain/approvals";
import type { Caller } from "../domain/caller";
import { setSubscriptions } from "../domain/people";
import { isRefusal, SimError } from "../errors";
import { readBody } from "../http-body";
import { decodePathSegment } from "../router";
import type { Store } from "../store";
import { SUBSCRIBABLE_MESSAGE_GROUPS } from "../../provider/client/schemas/notification-preferences";
import type { UserRecord } from "../state";
import { dashboardPage, loginPage, type Flash } from "./pages";
import { logIn, logOut, sessionUser } from "./session";

function send(
  res: ServerResponse,
  traceId: string,
  status: number,
  html: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Trace-Id": traceId,
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(html);
}

function redirect(res: ServerResponse, traceId: string, flash?: Flash, cookie?: string) {
  const query = flash ? `?${new URLSearchParams({ [flash.error ? "error" : "flash"]: flash.text })}` : "";
  const headers: Record<string, string> = { Location: `/portal${query}`, "Trace-Id": traceId };
  if (cookie) headers["Set-Cookie"] = cookie;
  res.writeHead(303, headers);
  res.end();
}

function callerFor(user: UserRecord): Caller {
  return {
    companyUid: user.companyUid,
    role: user.position,
    employeeId: user.employeeId,
    personUid: user.personUid,
  };
}

/** Handle a request under /portal. Returns after the response is written. */
// EXTENSION: the real Portal is a separate web app; this is a minimal stand-in on the API host.
export async function handlePortal(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  traceId: string,
): Promise<void> {
  const path = url.pathname.replace(/\/+$/, "") || "/portal";
  const user = sessionUser(store, req.headers);
  if (req.method === "GET" && path === "/portal") {
    const flash = url.searchParams.get("flash");
    const error = url.searchParams.get("error");
    const message: Flash | undefined = error
      ? { text: error, error: true }
      : flash
        ? { text: flash }
        : undefined;
    send(res, traceId, 200, user ? dashboardPage(store, user, message) : loginPage(message));
    return;
  }
  if (req.method !== "POST") {
    send(res, traceId, 404, loginPage({ text: "Page not found", error: true }));
    return;
  }
  const form = new URLSearchParams(await readBody(req, 64 * 1024));
  if (path === "/portal/login") {
    const cookie = logIn(store, form.get("email") ?? "", form.get("password") ?? "");
    store.flush();
    if (!cookie) redirect(res, traceId, { text: "Wrong email or password", error: true });
    else redirect(res, traceId, undefined, cookie);
    return;
  }
  if (path === "/portal/logout") {
    const cookie = logOut(store, req.headers);
    store.flush();
    redirect(res, traceId, { text: "Logged out" }, cookie);
    return;
  }
  if (!user) {
    redirect(res, traceId, { text: "Please log in", error: true });
    return;
  }
  try {
    const flash = runAction(store, user, path, form);
    store.flush();
    redirect(res, traceId, flash);
  } catch (err) {
    store.flush();
    if (!isRefusal(err)) throw err;
    redirect(res, traceId, { text: err.message, error: true });
  }
}

function runAction(store: Store, user: UserRecord, path: string, form: URLSearchParams): Flash {
  const caller = callerFor(user);
  const approval = /^\/portal\/approvals\/([^/]+)\/(accept|deny)$/.exec(path);
  if (approval) {
    const vxc = vxcByApprovalUid(store, caller, decodePathSegment(approval[1]));
    const accept = approval[2] === "accept";
    const vlanText = form.get("vlan")?.trim();
    const vlan = vlanText ? Number(vlanText) : undefined;
    if (vlan !== undefined && !Number.isInteger(vlan)) throw new SimError(400, `Invalid VLAN ${vlanText}`);
    decideApproval(store, caller, vxc, { approved: accept, vlan, reason: form.get("reason") ?? undefined });
    return { text: `${accept ? "Accepted" : "Denied"} request for ${vxc.productName}` };
  }
  if (path === "/portal/notifications") {
    const chosen = new Set(form.getAll("group"));
    setSubscriptions(
      store,
      caller,
      user,
      SUBSCRIBABLE_MESSAGE_GROUPS.map((g) => ({ messageGroup: g, subscribed: chosen.has(g) })),
    );
    return { text: "Notification settings saved" };
  }
  throw new SimError(404, "Page not found");
}
