import { buttonClasses, type ButtonVariant } from "@/components/ui/button";
import { Plus as PlusIcon } from "lucide-react";

/**
 * A full page load on purpose, not a client-side navigation: the wizard's OAuth popup needs the
 * document to be loaded with the wizard's opener policy (next.config.js), which a soft navigation
 * from another page would not apply.
 */
export function AddRepositoryLink({ variant = "primary" }: { variant?: ButtonVariant }) {
  return (
    <a href="/knowledge-sources/new" className={buttonClasses(variant)}>
      <PlusIcon size={18} />
      Add repository
    </a>
  );
}
