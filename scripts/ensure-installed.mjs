// Runs before `npm start` and `npm test` so that each works on a fresh clone: installs the
// locked dependencies when node_modules is missing or older than package-lock.json, and
// generates the Prisma clients when they are missing. Plain Node: it runs before any install.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const installedLock = path.join(root, "node_modules/.package-lock.json");
const lock = path.join(root, "package-lock.json");
const run = (command) => execSync(command, { cwd: root, stdio: "inherit" });

// A fresh clone installs exactly the lock file (`npm ci`, as a container build does); a lock file
// changed since the last install (a pull) is brought in with `npm install`.
if (!existsSync(installedLock)) {
  console.log("Installing the locked dependencies (npm ci)…");
  run("npm ci --no-audit --no-fund");
} else if (statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
  console.log("Installing dependencies (npm install)…");
  run("npm install --no-audit --no-fund");
}
if (!existsSync(path.join(root, "lib/generated/prisma/index.js")) || !existsSync(path.join(root, "lib/generated/prisma-postgres/index.js"))) {
  run("npm run -s db:generate");
}
