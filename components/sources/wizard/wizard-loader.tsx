"use client";
// The wizard reads its state from sessionStorage, which exists only in the browser: render it
// there only, with a placeholder of the same shape meanwhile (no hydration mismatch, no flash of
// step 1 before a resumed step).
import dynamic from "next/dynamic";
import type { AddRepositoryWizardProps } from "./add-repository-wizard";
import { WizardPlaceholder } from "./notices";

const Wizard = dynamic(() => import("./add-repository-wizard").then((module) => module.AddRepositoryWizard), {
  ssr: false,
  loading: () => <WizardPlaceholder />,
});

export function WizardLoader(props: AddRepositoryWizardProps) {
  return <Wizard {...props} />;
}
