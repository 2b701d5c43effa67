// The buy answer is matched to the ordered VXCs by name where it names them: that Megaport answers in the order's
// order is a guess, and a guess that failed would hand each create another create's VXC.
import { inOrderedOrder } from "../../../provider/client/megaport-client";
import type { BuyResultItem } from "../../../provider/client/schemas/vxc-order";

const answer = (...items: [uid: string, serviceName: string | null][]): BuyResultItem[] =>
  items.map(([uid, serviceName]) => ({ vxcJTechnicalServiceUid: uid, serviceName }));

describe("inOrderedOrder", () => {
  it.each([
    [
      "an answer in the order's order",
      ["a", "b", "c"],
      answer(["1", "a"], ["2", "b"], ["3", "c"]),
      ["1", "2", "3"],
    ],
    [
      "an answer in another order is put back by name",
      ["a", "b", "c"],
      answer(["3", "c"], ["1", "a"], ["2", "b"]),
      ["1", "2", "3"],
    ],
    [
      "one name twice: position breaks the tie between them only",
      ["a", "b", "a"],
      answer(["2", "b"], ["1", "a"], ["3", "a"]),
      ["1", "2", "3"],
    ],
    ["an answer without names is taken in order", ["a", "b"], answer(["1", null], ["2", null]), ["1", "2"]],
    [
      "an answer with names the order did not send is taken in order",
      ["a", "b"],
      answer(["1", "A"], ["2", "B"]),
      ["1", "2"],
    ],
  ])("%s", (_case, ordered, items, expected) => {
    expect(inOrderedOrder(ordered, items)).toEqual(expected);
  });
});
