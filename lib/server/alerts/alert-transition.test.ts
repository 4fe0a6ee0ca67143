import { describe, expect, it } from "vitest";
import { alertTransition } from "./alert-transition";

describe("alertTransition", () => {
  it("announces a healthy connector turning failing or needing sign-in", () => {
    expect(alertTransition("healthy", "failing")).toEqual({ kind: "announce", type: "connector.failing", to: "failing" });
    expect(alertTransition("healthy", "needs_signin")).toEqual({ kind: "announce", type: "connector.needs_signin", to: "needs_signin" });
  });

  it("announces a recovery from failing and from needs sign-in, but not a first healthy result", () => {
    expect(alertTransition("failing", "healthy")).toEqual({ kind: "announce", type: "connector.recovered", to: "healthy" });
    expect(alertTransition("needs_signin", "healthy")).toEqual({ kind: "announce", type: "connector.recovered", to: "healthy" });
    expect(alertTransition("unchecked", "healthy")).toEqual({ kind: "record", to: "healthy" });
  });

  it("announces a connector that was never healthy when it is found failing", () => {
    expect(alertTransition("unchecked", "failing")).toMatchObject({ kind: "announce", type: "connector.failing" });
  });

  it("stays quiet for the same state, degraded, draft and unchecked", () => {
    expect(alertTransition("failing", "failing")).toEqual({ kind: "none" });
    for (const status of ["degraded", "draft", "unchecked"] as const) {
      expect(alertTransition("failing", status)).toEqual({ kind: "none" });
      expect(alertTransition("healthy", status)).toEqual({ kind: "none" });
    }
  });

  it("announces a switch between the two states that need someone", () => {
    expect(alertTransition("failing", "needs_signin")).toMatchObject({ type: "connector.needs_signin" });
    expect(alertTransition("needs_signin", "failing")).toMatchObject({ type: "connector.failing" });
  });
});
