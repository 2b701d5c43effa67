/**
 * The portal and the /_sim admin endpoints answer only requests addressed to this machine by a loopback name
 * (localhost, 127.0.0.1, [::1]) or to the host the simulator was told to serve on. A web page the user opens
 * could otherwise reach them through DNS rebinding: its own name, re-pointed at 127.0.0.1, makes the browser
 * send the page's requests here with the page's name in `Host`; the loopback check on the socket cannot tell.
 *
 * The API itself needs no such check: every route but the token endpoint wants a bearer token, and the token
 * endpoint wants a key's secret, neither of which a page of another site holds (the simulator's seeded demo keys
 * are public, but what they reach is the simulator's made-up companies, as any program on this machine can).
 * The portal, by contrast, keeps its login in a cookie, and /_sim asks for nothing at all.
 */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** The host names (no port) a request to the portal or /_sim may carry, given the host the server listens on. */
export function allowedHostNames(servedOn: string | undefined): ReadonlySet<string> {
  const names = new Set(LOOPBACK_NAMES);
  // An IPv6 address to listen on ("::1") is written in brackets in a Host header.
  if (servedOn) names.add(servedOn.includes(":") ? `[${servedOn.replace(/^\[|\]$/g, "")}]` : servedOn);
  return new Set([...names].map((n) => n.toLowerCase()));
}

/** host, or [v6], then an optional port: nothing else is a Host header (RFC 9110 §7.2). */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^\s:[\]/@]+)(?::\d{1,5})?$/i;

/** Whether a request's `Host` header names one of `allowed` (any port, any case); a missing or garbled one does not. */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostHeader === undefined ? undefined : HOST_HEADER.exec(hostHeader.trim())?.[1];
  return name !== undefined && allowed.has(name.toLowerCase());
}
