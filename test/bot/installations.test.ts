import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Harness, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const id = () => [...h.sim.state.installations.keys()][0]!;
const known = () => [...h.scheduler.known()].map(([name, inst]) => [name, inst === id()]);

describe("the repositories the scheduler serves", () => {
  test("installation.created: the repositories it lists", () => {
    expect(known()).toEqual([
      ["acme/churn", true],
      ["acme/ml-environments", true],
    ]);
  });

  test("installation_repositories added / removed change exactly those repositories", async () => {
    const repo = (full_name: string) => ({
      id: 1,
      node_id: "R_1",
      name: full_name.split("/")[1],
      full_name,
      private: false,
    });
    await h.probot.receive({
      id: "delivery-1",
      name: "installation_repositories",
      payload: {
        action: "added",
        installation: { id: id() },
        repository_selection: "selected",
        repositories_added: [repo("acme/forecast")],
        repositories_removed: [repo("acme/ml-environments")],
        requester: null,
        sender: { login: "maintainer" },
      } as never,
    });
    expect(known()).toEqual([
      ["acme/churn", true],
      ["acme/forecast", true],
    ]);
  });

  test("resync: exactly what GitHub lists now (no event needed)", async () => {
    await h.instance.bot.resync();
    expect(known()).toEqual([
      ["acme/churn", true],
      ["acme/ml-environments", true],
    ]);
  });

  test("installation.deleted: nothing is scheduled", async () => {
    await h.probot.receive({
      id: "delivery-2",
      name: "installation",
      payload: {
        action: "deleted",
        installation: { id: id(), account: { login: "acme" } },
        repositories: [],
        sender: { login: "maintainer" },
      } as never,
    });
    expect(known()).toEqual([]);
  });
});
