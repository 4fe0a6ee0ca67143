import { CodeBlock } from "@/components/ui/code-block";

// A Kusto control command on a line of its own (".add database Telemetry viewers (…)").
const kustoCommand = /^\.(add|alter|create|drop|set) /;

/**
 * The "Fix:" text of a failed check, inside a block element (not a <p>). A line that is a command to run (the Kusto grant a database
 * admin pastes into the query editor) becomes a code block with a copy button; the rest stays text.
 */
export function FixText({ fix }: { fix: string }) {
  const lines = fix.split("\n");
  const command = lines.find((line) => kustoCommand.test(line.trim()));
  if (!command) return <>{fix}</>;
  const text = lines.filter((line) => line !== command).join("\n");
  return (
    <>
      {text}
      <div className="mt-2">
        <CodeBlock code={command.trim()} label="Kusto command" />
      </div>
    </>
  );
}
