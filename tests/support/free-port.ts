// A TCP port free on 127.0.0.1 at the time of asking, for a process the test starts on a port it must know in
// advance (a simulator restarted on the same port, a PostgreSQL cluster) or for a port nothing listens on.
import * as net from "node:net";

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
