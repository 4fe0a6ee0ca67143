// The object ids of a repository's seeded commit, computed the way git computes them (blob,
// tree and commit objects hashed with SHA-1), so the REST API's `objectId` and `commitId` are
// the ids a `git clone` of the same repository shows (git/bare-repository.ts makes that commit
// with the same fixed author, committer, date and message).
import { createHash } from "node:crypto";
import type { AdoRepository } from "../../world/ado";

export const SEED_AUTHOR = { name: "Sandbox Seed", email: "seed@sandbox.example", date: "2025-01-06T09:00:00Z" } as const;

function objectId(type: "blob" | "tree" | "commit", body: Buffer): Buffer {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest();
}

export function blobId(content: string): string {
  return objectId("blob", Buffer.from(content, "utf8")).toString("hex");
}

type Tree = Map<string, Tree | string>;

function treeId(tree: Tree): Buffer {
  // git orders entries by name, comparing a folder's name as if it ended with "/".
  const entries = [...tree.entries()].sort(([a, av], [b, bv]) => {
    const left = typeof av === "string" ? a : `${a}/`;
    const right = typeof bv === "string" ? b : `${b}/`;
    return Buffer.compare(Buffer.from(left), Buffer.from(right));
  });
  const body = Buffer.concat(
    entries.map(([name, value]) => {
      const id = typeof value === "string" ? objectId("blob", Buffer.from(value, "utf8")) : treeId(value);
      return Buffer.concat([Buffer.from(`${typeof value === "string" ? "100644" : "40000"} ${name}\0`), id]);
    }),
  );
  return objectId("tree", body);
}

export function seedCommitMessage(repository: Pick<AdoRepository, "name">): string {
  return `Initial commit of ${repository.name}`;
}

export function seedCommitId(repository: Pick<AdoRepository, "name" | "files">): string {
  const root: Tree = new Map();
  for (const file of repository.files) {
    const parts = file.path.split("/").filter(Boolean);
    let node = root;
    for (const folder of parts.slice(0, -1)) {
      let next = node.get(folder);
      if (typeof next !== "object") {
        next = new Map();
        node.set(folder, next);
      }
      node = next;
    }
    node.set(parts[parts.length - 1] as string, file.content);
  }
  const seconds = Date.parse(SEED_AUTHOR.date) / 1000;
  const who = `${SEED_AUTHOR.name} <${SEED_AUTHOR.email}> ${seconds} +0000`;
  const body = `tree ${treeId(root).toString("hex")}\nauthor ${who}\ncommitter ${who}\n\n${seedCommitMessage(repository)}\n`;
  return objectId("commit", Buffer.from(body, "utf8")).toString("hex");
}
