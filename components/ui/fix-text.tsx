import { CodeBlock } from "@/components/ui/code-block";
import { splitFixCommand } from "@/components/ui/fix-command";

/**
 * The "Fix:" text of a failed check, inside a block element (not a <p>). A line that is a command
 * to run (the Kusto grant a database admin pastes into the query editor) becomes a code block with
 * a copy button; the rest stays text.
 */
export function FixText({ fix }: { fix: string }) {
  const { text, command } = splitFixCommand(fix);
  if (!command) return <>{fix}</>;
  return (
    <>
      {text}
      <div className="mt-2">
        <CodeBlock code={command} label="Kusto command" />
      </div>
    </>
  );
}
