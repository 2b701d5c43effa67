// The API keys the simulator is seeded with (simulator/seed.ts takes them from here). They are public test values,
// not secrets. With no Megaport environment named, the provider sends credentials to the simulator's default
// address only when they are one of these pairs: any other key could be a real one, and must never go to whatever
// happens to listen on a local port.

export const SIMULATOR_SEED_KEYS = {
  acmeAdmin: { accessKey: "acme-admin-access", secretKey: "acme-admin-secret" },
  acmeReadOnly: { accessKey: "acme-readonly-access", secretKey: "acme-readonly-secret" },
  globexAdmin: { accessKey: "globex-admin-access", secretKey: "globex-admin-secret" },
  globexReadOnly: { accessKey: "globex-readonly-access", secretKey: "globex-readonly-secret" },
  initechAdmin: { accessKey: "initech-admin-access", secretKey: "initech-admin-secret" },
} as const;

/** True when the pair is one the simulator was seeded with. */
export function isSimulatorSeedKey(accessKey: string, secretKey: string): boolean {
  return Object.values(SIMULATOR_SEED_KEYS).some(
    (k) => k.accessKey === accessKey && k.secretKey === secretKey,
  );
}
