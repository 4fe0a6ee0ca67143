// Real git repositories behind the sandbox's ADO repositories: on first use, a bare repository
// with one commit holding the world's files for that repository, on its default branch. Author,
// committer and dates are fixed, so the same files always give the same commit id, on any
// machine. The folder name carries a hash of the content, so a world with other files gets its
// own repository and several sandboxes (test files run in parallel) can share the data folder:
// each builds in a private folder and renames it into place.
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { AdoRepository } from "../../world/ado";
import { SEED_AUTHOR, seedCommitMessage } from "./seed-commit";

const run = promisify(execFile);

const FIXED_IDENTITY = {
  GIT_AUTHOR_NAME: SEED_AUTHOR.name,
  GIT_AUTHOR_EMAIL: SEED_AUTHOR.email,
  GIT_AUTHOR_DATE: SEED_AUTHOR.date,
  GIT_COMMITTER_NAME: SEED_AUTHOR.name,
  GIT_COMMITTER_EMAIL: SEED_AUTHOR.email,
  GIT_COMMITTER_DATE: SEED_AUTHOR.date,
};

/** git without the machine's or the user's configuration (signing, hooks, templates). */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LANG: "C", NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv;
}

export function gitRoot(dataDir: string): string {
  return path.join(dataDir, "git");
}

/** The folder name of a repository's bare copy: its id and a hash of what it holds. */
export function bareRepositoryName(repository: AdoRepository): string {
  const hash = createHash("sha256").update(repository.defaultBranch);
  for (const file of [...repository.files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`\0${file.path}\0${file.content}`);
  return `${repository.id}-${hash.digest("hex").slice(0, 16)}.git`;
}

const building = new Map<string, Promise<string>>();

/** The bare repository for `repository`, created when missing. */
export function ensureBareRepository(dataDir: string, repository: AdoRepository): Promise<string> {
  const root = gitRoot(dataDir);
  const target = path.join(root, bareRepositoryName(repository));
  if (existsSync(target)) return Promise.resolve(target);
  const inFlight = building.get(target);
  if (inFlight) return inFlight;
  const promise = build(root, target, repository).finally(() => building.delete(target));
  building.set(target, promise);
  return promise;
}

async function build(root: string, target: string, repository: AdoRepository): Promise<string> {
  const scratch = path.join(root, `.build-${process.pid}-${randomUUID()}`);
  const work = path.join(scratch, "work");
  const bare = path.join(scratch, "bare.git");
  mkdirSync(work, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...isolatedGitEnv(scratch), ...FIXED_IDENTITY };
  const git = (args: string[], cwd: string) => run("git", ["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", ...args], { cwd, env });
  try {
    const branch = repository.defaultBranch.replace(/^refs\/heads\//, "");
    await git(["init", "-q", `--initial-branch=${branch}`], work);
    for (const file of repository.files) {
      const full = path.join(work, ...file.path.split("/").filter(Boolean));
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file.content);
    }
    await git(["add", "-A"], work);
    await git(["commit", "-q", "--allow-empty", "-m", seedCommitMessage(repository)], work);
    await git(["clone", "-q", "--bare", work, bare], scratch);
    try {
      renameSync(bare, target);
    } catch (error) {
      // Another sandbox built the same content first: same files, same commit.
      if (!existsSync(target)) throw error;
    }
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
