import { describe, expect, it } from "vitest";
import { parseRepositoryUrl } from "./repository-url";

const ok = (input: string) => {
  const result = parseRepositoryUrl(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.message}`);
  return result.value;
};
const refused = (input: string) => {
  const result = parseRepositoryUrl(input);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  expect(result.field).toBe("url");
  return result.message;
};

describe("parseRepositoryUrl", () => {
  it.each([
    ["https://dev.azure.com/Litware/Payments/_git/payments-api", "git"],
    ["https://litware@dev.azure.com/litware/Payments/_git/payments-api", "git"],
    ["https://litware.visualstudio.com/Payments/_git/payments-api", "git"],
    ["https://litware.visualstudio.com/DefaultCollection/Payments/_git/payments-api", "git"],
    ["https://dev.azure.com/litware/DefaultCollection/Payments/_git/payments-api", "git"],
    ["dev.azure.com/litware/Payments/_git/payments-api", "git"],
    ["git@ssh.dev.azure.com:v3/litware/Payments/payments-api", "git"],
    ["ssh://git@ssh.dev.azure.com/v3/litware/Payments/payments-api", "git"],
    ["litware@vs-ssh.visualstudio.com:v3/litware/Payments/payments-api", "git"],
    ["https://dev.azure.com/litware/Payments/_git/payments-api/pullrequest/1", "git"],
  ])("reads %s", (input, kind) => {
    expect(ok(input)).toMatchObject({ organization: "litware", project: "Payments", repository: "payments-api", kind });
  });

  it("reads a wiki URL as the wiki's repository", () => {
    expect(ok("https://dev.azure.com/litware/Payments/_wiki/wikis/Payments.wiki/12/Runbooks")).toEqual({
      organization: "litware",
      project: "Payments",
      repository: "Payments.wiki",
      kind: "wiki",
      branch: null,
      path: null,
    });
  });

  it("decodes names with spaces and takes the branch from version=GB…", () => {
    expect(ok("https://dev.azure.com/litware/Card%20Payments/_git/Payments%20API?path=/src/refunds.ts&version=GBrelease/2025&_a=contents")).toEqual({
      organization: "litware",
      project: "Card Payments",
      repository: "Payments API",
      kind: "git",
      branch: "release/2025",
      path: "/src/refunds.ts",
    });
    expect(ok("https://dev.azure.com/litware/Payments/_git/payments-api?version=GTv1.0").branch).toBeNull();
  });

  it("reads a repository addressed without its project", () => {
    expect(ok("https://dev.azure.com/litware/_git/Payments")).toMatchObject({ project: "Payments", repository: "Payments" });
  });

  it.each([
    ["", /is required/],
    ["x".repeat(2049), /at most 2048/],
    ["http://dev.azure.com/litware/Payments/_git/payments-api", /https/],
    ["javascript:alert(1)//dev.azure.com/litware/p/_git/r", /https/],
    ["file:///etc/passwd", /https/],
    ["https://evil.example/litware/Payments/_git/payments-api", /dev\.azure\.com or/],
    ["https://dev.azure.com.evil.example/litware/Payments/_git/payments-api", /dev\.azure\.com or/],
    ["https://dev.azure.com@evil.example/litware/Payments/_git/payments-api", /dev\.azure\.com or/],
    ["https://evil.example/dev.azure.com/litware/Payments/_git/payments-api", /dev\.azure\.com or/],
    ["https://dev.azure.com:8443/litware/Payments/_git/payments-api", /port/],
    ["https://dev.azure.com/litware/Payments/_git/payments%2F..%2Fsecrets", /not validly URL-encoded or contains a separator/],
    ["https://dev.azure.com/litware/Payments/_git/bad%ZZ", /not validly URL-encoded/],
    ["https://dev.azure.com/litware/Payments/_git/%3Cscript%3E", /repository '<script>'/],
    ["https://dev.azure.com/-litware/Payments/_git/payments-api", /organization '-litware'/],
    ["https://dev.azure.com/litware/Payments/_boards/board", /not a repository or wiki address/],
    ["https://dev.azure.com/litware/Payments/_git/payments-api?version=GB..%2Fmain", /branch/],
    ["https://dev.azure.com/litware/Payments/_git/payments-api\u0000", /control characters/],
    ["not a url at all", /not a URL|dev\.azure\.com or/],
  ])("refuses %j", (input, message) => {
    expect(refused(input)).toMatch(message);
  });

  it("refuses credentials in a clone URL without repeating them", () => {
    const message = refused("https://litware:s3cretPatValue@dev.azure.com/litware/Payments/_git/payments-api");
    expect(message).toMatch(/remove the credentials/);
    expect(message).not.toContain("s3cretPatValue");
  });

  it("refuses an organization name longer than 50 characters", () => {
    expect(refused(`https://dev.azure.com/${"a".repeat(51)}/Payments/_git/payments-api`)).toMatch(/at most 50/);
  });
});
