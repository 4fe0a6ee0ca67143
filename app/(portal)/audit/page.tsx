import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FeatureList } from "@/components/ui/feature-list";
import { AuditIcon, ClockIcon, KeyIcon, UserIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to a connector, credential or knowledge source: who made it, when, and what changed."
      />
      <Card>
        <EmptyState icon={<AuditIcon size={22} />} title="Audit entries will be listed here">
          <p>
            Each sign-in, create, edit, method switch and deletion is recorded as it happens. Entries cannot be edited or deleted
            from the portal, so this page is the record to check after an access problem.
          </p>
        </EmptyState>
      </Card>
      <Card className="mt-6">
        <CardHeader title="What each entry records" />
        <CardBody>
          <FeatureList
            features={[
              {
                title: "Who and when",
                body: "The operator's name and role, and the time in UTC, for every create, edit, method switch, sign-in and deletion.",
                icon: <UserIcon size={18} />,
              },
              {
                title: "What changed",
                body: "The fields that changed with their old and new values, such as the target tenant or the managed identity's client id.",
                icon: <ClockIcon size={18} />,
              },
              {
                title: "Never a secret",
                body: "A new PAT or token is recorded as “set” with its date; the value itself is never written to the log.",
                icon: <KeyIcon size={18} />,
              },
            ]}
          />
        </CardBody>
      </Card>
    </>
  );
}
