// A Kusto control command on a line of its own (".add database Telemetry viewers (…)").
const kustoCommand = /^\.(add|alter|create|drop|set) /;

/** A fix text split into its prose and the one command line to copy, if it has one. */
export function splitFixCommand(fix: string): { text: string; command: string | null } {
  const lines = fix.split("\n");
  const command = lines.find((line) => kustoCommand.test(line.trim()));
  if (!command) return { text: fix, command: null };
  return { text: lines.filter((line) => line !== command).join("\n"), command: command.trim() };
}
