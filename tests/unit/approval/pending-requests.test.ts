// Finding the requests waiting on us in `GET /v2/products` data, and settling them with a policy.
import { describeRequest, settlePendingRequests } from "../../../provider/approval/backlog";
import {
  type ApprovalDecision,
  type ApprovalPolicy,
  type ApprovalRequest,
  ApprovalPolicySchema,
  PolicyValidationError,
  decide,
  pendingRequestsFrom,
} from "../../../provider/approval/rules";
import {
  ACME,
  ACME_MEL_RED,
  ACME_SYD_BLUE,
  ACME_SYD_RED,
  GLOBEX,
  INITECH,
  VXC,
  initechPortWithPendingRequest,
  productsSeenByAcme,
} from "./products-with-pending-requests";

describe("pendingRequestsFrom", () => {
  it("returns the requests pending on us, each once, with what the rules need to decide", () => {
    expect(pendingRequestsFrom(productsSeenByAcme, ACME)).toEqual([
      {
        vxcUid: VXC.newFromGlobex,
        approvalUid: "3d000000-0000-4000-8000-000000000001",
        type: "NEW",
        requestingCompanyUid: GLOBEX,
        requestingCompanyName: "Globex Corporation",
        targetPortUid: ACME_SYD_RED,
        rateLimit: 500,
        bEndVlan: 2001,
        vxcName: "Globex to Acme SYD",
      },
      {
        vxcUid: VXC.speedChangeFromInitech,
        approvalUid: "3d000000-0000-4000-8000-000000000005",
        type: "SPEED_CHANGE",
        requestingCompanyUid: INITECH,
        requestingCompanyName: "Initech",
        targetPortUid: ACME_SYD_RED,
        rateLimit: 1000,
        newSpeed: 5000,
        vxcName: "Initech primary",
      },
      {
        vxcUid: VXC.betweenOurOwnPorts,
        approvalUid: "3d000000-0000-4000-8000-000000000008",
        type: "NEW",
        requestingCompanyUid: ACME,
        requestingCompanyName: "Acme Networks",
        targetPortUid: ACME_SYD_BLUE,
        rateLimit: 100,
        bEndVlan: 501,
        vxcName: "Acme MEL to SYD",
      },
    ]);
  });

  const skippedRows = [
    { name: "a VXC with approval fields all null", vxcUid: VXC.live },
    { name: "a VXC with no vxcApproval object", vxcUid: VXC.noApprovalObject },
    {
      name: "our own order waiting on the other company (PENDING_EXTERNAL)",
      vxcUid: VXC.ourOrderPendingExternal,
    },
    { name: "a pending VXC that has already FAILED", vxcUid: VXC.failedAfterDenial },
    { name: "a pending VXC without an approval UID to answer", vxcUid: VXC.pendingWithoutApprovalUid },
  ];

  it.each(skippedRows)("does not return $name", ({ vxcUid }) => {
    const uids = pendingRequestsFrom(productsSeenByAcme, ACME).map((request) => request.vxcUid);
    expect(uids).not.toContain(vxcUid);
  });

  it("tells why it left a pending VXC for a person, and stays silent about VXCs not pending on us", () => {
    const skipped: [string, string][] = [];
    pendingRequestsFrom(productsSeenByAcme, ACME, { onSkipped: (uid, why) => skipped.push([uid, why]) });
    expect(skipped).toEqual([
      [VXC.failedAfterDenial, expect.stringContaining("FAILED")],
      [VXC.pendingWithoutApprovalUid, expect.stringContaining("no uid")],
    ]);
  });

  it("ignores products of another company", () => {
    expect(pendingRequestsFrom([initechPortWithPendingRequest], ACME)).toEqual([]);
  });

  it("takes the requesting company from the A-end owner, not from the port it is listed under", () => {
    const [request] = pendingRequestsFrom([initechPortWithPendingRequest], INITECH);
    expect(request).toMatchObject({
      requestingCompanyUid: GLOBEX,
      requestingCompanyName: "Globex Corporation",
    });
  });

  it("does not take the VXC owner's name as the requester's when the owner is someone else", () => {
    const products = [
      {
        productUid: ACME_SYD_RED,
        companyUid: ACME,
        associatedVxcs: [
          {
            productUid: VXC.newFromGlobex,
            rateLimit: 100,
            companyUid: ACME,
            companyName: "Acme Networks",
            aEnd: { ownerUid: GLOBEX },
            bEnd: { productUid: ACME_SYD_RED, vlan: null },
            vxcApproval: { status: "PENDING_INTERNAL", uid: "a1", type: "NEW" },
          },
        ],
      },
    ];
    const [request] = pendingRequestsFrom(products, ACME);
    expect(request.requestingCompanyUid).toBe(GLOBEX);
    expect(request).not.toHaveProperty("requestingCompanyName");
    expect(request).not.toHaveProperty("bEndVlan");
  });

  it("reads a service key on the VXC as a request made with a service key", () => {
    const products = [
      {
        companyUid: ACME,
        associatedVxcs: [
          {
            productUid: "v1",
            rateLimit: 100,
            serviceKey: "8f0e1d2c-0000-4000-8000-000000000000",
            aEnd: { ownerUid: GLOBEX },
            bEnd: { productUid: ACME_MEL_RED },
            vxcApproval: { status: "PENDING_INTERNAL", uid: "a1", type: "NEW" },
          },
        ],
      },
    ];
    expect(pendingRequestsFrom(products, ACME)[0].serviceKey).toBe(true);
  });

  it("leaves for a person a request whose rate limit is not given, rather than reading it as 0 Mbps", () => {
    const skipped: string[] = [];
    const products = [
      {
        companyUid: ACME,
        associatedVxcs: [
          {
            productUid: "v1",
            aEnd: { ownerUid: GLOBEX },
            bEnd: { productUid: ACME_MEL_RED },
            vxcApproval: { status: "PENDING_INTERNAL", uid: "a1", type: "NEW" },
          },
        ],
      },
    ];
    expect(pendingRequestsFrom(products, ACME, { onSkipped: (_uid, why) => skipped.push(why) })).toEqual([]);
    expect(skipped).toEqual([expect.stringContaining("rateLimit")]);
  });
});

describe("rules by company UID in the approver", () => {
  // What the approver does each cycle: requests from the products listing, each decided by the policy.
  const decisions = (companies: string[], products = productsSeenByAcme) => {
    const policy = ApprovalPolicySchema.parse({
      rules: [{ name: "by-uid", match: { companies }, action: "accept" }],
    });
    return pendingRequestsFrom(products, ACME).map((request) => [
      request.vxcUid,
      decide(policy, request).ruleName,
    ]);
  };

  it("a rule naming a company by UID decides that company's requests, and only theirs", () => {
    expect(decisions([INITECH.toUpperCase()])).toEqual([
      [VXC.newFromGlobex, "default"],
      [VXC.speedChangeFromInitech, "by-uid"],
      [VXC.betweenOurOwnPorts, "default"],
    ]);
  });

  it("a rule naming a requester's UID as a name matches no company that took it as its name", () => {
    const products = structuredClone(productsSeenByAcme);
    for (const vxc of products.flatMap((p) => p.associatedVxcs ?? []))
      (vxc as { companyName?: string }).companyName = GLOBEX;
    expect(decisions([GLOBEX], products).filter(([uid]) => uid === VXC.speedChangeFromInitech)).toEqual([
      [VXC.speedChangeFromInitech, "default"],
    ]);
  });
});

describe("settlePendingRequests", () => {
  /** Accepts Globex with VLAN 3001 on our end, denies speed changes above 2 Gbps, leaves the rest. */
  const policy: ApprovalPolicy = ApprovalPolicySchema.parse({
    rules: [
      { name: "globex", match: { companies: ["Globex Corporation"] }, action: "accept", bEndVlan: 3001 },
      {
        name: "no-big-upgrades",
        match: { requestTypes: ["SPEED_CHANGE"], rateLimit: { min: 2001 } },
        action: "deny",
        reason: "Speeds above 2 Gbps need a new contract; contact sales.",
      },
    ],
  });

  interface Call {
    vxcUid: string;
    decision: ApprovalDecision;
  }

  function fakeApi(options: { failApproveFor?: string } = {}) {
    const approved: Call[] = [];
    const denied: Call[] = [];
    let listCalls = 0;
    return {
      approved,
      denied,
      get listCalls() {
        return listCalls;
      },
      listProducts: async () => {
        listCalls += 1;
        return productsSeenByAcme;
      },
      approve: async (request: ApprovalRequest, decision: ApprovalDecision) => {
        if (request.vxcUid === options.failApproveFor) throw new Error("HTTP 503 from PUT /v2/order/vxc");
        approved.push({ vxcUid: request.vxcUid, decision });
      },
      deny: async (request: ApprovalRequest, decision: ApprovalDecision) => {
        denied.push({ vxcUid: request.vxcUid, decision });
      },
    };
  }

  it("accepts, denies and leaves requests as the policy decides, listing products once", async () => {
    const api = fakeApi();
    const summary = await settlePendingRequests({ policy, ownCompanyUid: ACME, ...api });

    expect(api.listCalls).toBe(1);
    expect(api.approved).toEqual([
      { vxcUid: VXC.newFromGlobex, decision: { action: "accept", ruleName: "globex", bEndVlan: 3001 } },
    ]);
    expect(api.denied).toEqual([
      {
        vxcUid: VXC.speedChangeFromInitech,
        decision: {
          action: "deny",
          ruleName: "no-big-upgrades",
          reason: "Speeds above 2 Gbps need a new contract; contact sales.",
        },
      },
    ]);
    expect(summary.accepted.map((entry) => entry.request.vxcUid)).toEqual([VXC.newFromGlobex]);
    expect(summary.denied.map((entry) => entry.request.vxcUid)).toEqual([VXC.speedChangeFromInitech]);
    expect(summary.manual).toEqual([
      {
        request: expect.objectContaining({ vxcUid: VXC.betweenOurOwnPorts }),
        decision: { action: "manual", ruleName: "default" },
      },
    ]);
    expect(summary.failed).toEqual([]);
  });

  it("records a failed answer and still answers the other requests", async () => {
    const api = fakeApi({ failApproveFor: VXC.newFromGlobex });
    const summary = await settlePendingRequests({ policy, ownCompanyUid: ACME, ...api });

    expect(summary.failed).toEqual([
      {
        request: expect.objectContaining({ vxcUid: VXC.newFromGlobex }),
        decision: expect.objectContaining({ action: "accept" }),
        error: expect.objectContaining({ message: "HTTP 503 from PUT /v2/order/vxc" }),
      },
    ]);
    expect(summary.accepted).toEqual([]);
    expect(api.denied.map((call) => call.vxcUid)).toEqual([VXC.speedChangeFromInitech]);
    expect(summary.manual).toHaveLength(1);
  });

  it("logs one line per request, naming the VXC, the requester and the deciding rule", async () => {
    const lines: string[] = [];
    await settlePendingRequests({
      policy,
      ownCompanyUid: ACME,
      ...fakeApi(),
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^accepted new connection at 500 Mbps on VXC .* from Globex Corporation \(rule "globex"\)$/,
        ),
        expect.stringMatching(
          /^denied speed change to 5000 Mbps .* from Initech \(rule "no-big-upgrades"\): Speeds/,
        ),
        expect.stringMatching(/^left new connection .* for a person \(rule "default"\)$/),
        expect.stringContaining(`left VXC ${VXC.failedAfterDenial} for a person: it is FAILED`),
      ]),
    );
  });

  it("counts a request answered meanwhile as already answered, not failed, and tells each outcome in order", async () => {
    const api = fakeApi();
    const outcomes: string[] = [];
    const summary = await settlePendingRequests({
      policy,
      ownCompanyUid: ACME,
      ...api,
      approve: async () => "already-answered" as const,
      onSettled: (settled) => outcomes.push(`${settled.request.vxcUid} ${settled.outcome}`),
    });

    expect(summary.alreadyAnswered.map((entry) => entry.request.vxcUid)).toEqual([VXC.newFromGlobex]);
    expect(summary.accepted).toEqual([]);
    expect(summary.failed).toEqual([]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        `${VXC.newFromGlobex} already-answered`,
        `${VXC.speedChangeFromInitech} denied`,
        `${VXC.betweenOurOwnPorts} manual`,
      ]),
    );
    expect(outcomes).toHaveLength(3);
  });

  it("answers nothing when listing products fails", async () => {
    const api = fakeApi();
    const failing = { ...api, listProducts: () => Promise.reject(new Error("HTTP 502")) };
    await expect(settlePendingRequests({ policy, ownCompanyUid: ACME, ...failing })).rejects.toThrow(
      "HTTP 502",
    );
    expect(api.approved).toEqual([]);
    expect(api.denied).toEqual([]);
  });

  it("refuses a policy with errors before listing anything", async () => {
    const api = fakeApi();
    const broken = ApprovalPolicySchema.parse({ rules: [{ name: "r", match: {}, action: "deny" }] });
    await expect(
      settlePendingRequests({ policy: broken, ownCompanyUid: ACME, ...api }),
    ).rejects.toBeInstanceOf(PolicyValidationError);
    expect(api.listCalls).toBe(0);
  });
});

describe("describeRequest", () => {
  it("shows the requester's hidden characters escaped, so a VXC or company name cannot forge or reorder a log line", () => {
    const [request] = pendingRequestsFrom(productsSeenByAcme, ACME);
    const line = describeRequest({
      ...request,
      vxcName: "x\nApprovalPolicy: accepted everything",
      requestingCompanyName: "\u202eevil\u001b[2J",
    });
    expect(line).toContain("(x\\u000AApprovalPolicy: accepted everything) from \\u202Eevil\\u001B[2J");
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(line).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});
